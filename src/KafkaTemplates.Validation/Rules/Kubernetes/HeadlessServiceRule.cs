using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// KT3104-KT3105: the Service a StatefulSet names in serviceName exists, is headless, and publishes not-ready
/// addresses, so Kafka pods can find each other before the quorum makes them ready.
/// </summary>
internal sealed class HeadlessServiceRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        var services = chart.OfKind("Service").Where(s => s.Model is V1Service).ToDictionary(s => s.Name!, StringComparer.Ordinal);
        foreach (var manifest in chart.OfKind("StatefulSet"))
        {
            if (manifest.As<V1StatefulSet>() is not { Spec: { } spec }) continue;
            var name = spec.ServiceName;
            if (string.IsNullOrEmpty(name) || !services.TryGetValue(name, out var serviceManifest))
            {
                context.Report(DiagnosticCatalog.GoverningServiceNotHeadless,
                    context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("spec", "serviceName"), manifest.Kind),
                    string.IsNullOrEmpty(name)
                        ? $"StatefulSet {manifest.Name} has no serviceName; name the headless Service that gives its pods DNS names"
                        : $"StatefulSet {manifest.Name} names Service {name} in serviceName, but the chart renders no such Service; add it or fix the name",
                    chart.ValueSet.Context);
                continue;
            }
            var service = serviceManifest.As<V1Service>()!;
            if (service.Spec?.ClusterIP != "None")
            {
                context.Report(DiagnosticCatalog.GoverningServiceNotHeadless,
                    context.Sources.Locate(serviceManifest.SourceFile, ManifestPath.Of("spec", "clusterIP"), serviceManifest.Kind),
                    $"Service {name}, the serviceName of StatefulSet {manifest.Name}, is not headless; set `clusterIP: None` so every pod gets a stable DNS name",
                    chart.ValueSet.Context);
                continue;
            }
            if (service.Spec.PublishNotReadyAddresses != true)
                context.Report(DiagnosticCatalog.NotReadyAddressesHidden,
                    context.Sources.Locate(serviceManifest.SourceFile, ManifestPath.Of("spec", "publishNotReadyAddresses"), serviceManifest.Kind),
                    $"headless Service {name} does not publish not-ready addresses, so the KRaft controllers cannot resolve each other before they are ready; set `publishNotReadyAddresses: true`",
                    chart.ValueSet.Context);
        }
    }
}
