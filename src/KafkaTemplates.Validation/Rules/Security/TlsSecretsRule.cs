using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Kubernetes;

namespace KafkaTemplates.Validation.Rules.Security;

/// <summary>
/// KT4013-KT4014: every Secret the Kafka pods mount is made by the release: rendered as a Secret, or written by a
/// rendered cert-manager Certificate. With tls.source cert-manager a missing one is an error (KT4013: nothing will
/// ever create it); otherwise it is a Secret the team must create, a warning install's preflight checks (KT4014).
/// Checked on the repo's own values only: the other value sets switch features, not where Secrets come from.
/// </summary>
internal sealed class TlsSecretsRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        if (!chart.ValueSet.IsRepoValues || context.Values is not { } values) return;
        var made = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in chart.OfKind("Secret")) if (secret.Name is { } name) made.Add(name);
        foreach (var certificate in chart.OfKind("Certificate").Where(c => c.ApiVersion == "cert-manager.io/v1"))
            if (certificate.Root?["spec"]?["secretName"]?.ToString() is { } secretName) made.Add(secretName);

        var certManager = values.String("tls.source") == "cert-manager";
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workload in Workload.In(chart).Where(w => !w.Manifest.IsHook))
        {
            foreach (var volume in workload.Spec.Volumes ?? [])
            {
                if (volume.Secret?.SecretName is not { } secretName || made.Contains(secretName) || !reported.Add(secretName)) continue;
                var where = values.Has("tls.brokerSecret") && values.String("tls.brokerSecret") == secretName ? "tls.brokerSecret"
                    : values.Has("tls.controllerSecret") && values.String("tls.controllerSecret") == secretName ? "tls.controllerSecret"
                    : "tls.source";
                if (certManager)
                    context.Report(DiagnosticCatalog.CertificateNotRendered, values.Mark(where),
                        $"{workload.Describe} mounts the Secret {secretName}, but the chart renders no Certificate that writes it; restore helm/templates/certificates.yaml");
                else
                    context.Report(DiagnosticCatalog.NamedSecretNotInRepo, values.Mark(where),
                        $"{workload.Describe} mounts the Secret {secretName} (volume {volume.Name}), which the repo does not create; create it in the namespace with tls.crt, tls.key (PKCS#8) and ca.crt before installing");
            }
        }
    }
}
