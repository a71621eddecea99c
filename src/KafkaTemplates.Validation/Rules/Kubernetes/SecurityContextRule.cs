using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// KT3108: pods and containers meet the restricted Pod Security Standard. A container setting wins over the pod's,
/// as in Kubernetes; each unmet requirement is reported at the field to change.
/// </summary>
internal sealed class SecurityContextRule : IRenderedChartRule
{
    private static readonly HashSet<string> AllowedCapabilities = new(StringComparer.Ordinal) { "NET_BIND_SERVICE" };

    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart))
        {
            void Report(ManifestPath path, string message) => context.Report(DiagnosticCatalog.SecurityContextNotRestricted,
                context.Sources.Locate(w.Manifest.SourceFile, path, w.Kind), $"{w.Describe}: {message}", chart.ValueSet.Context);

            var spec = w.Spec;
            var pod = spec.SecurityContext;
            foreach (var (field, on) in new[] { ("hostNetwork", spec.HostNetwork), ("hostPID", spec.HostPID), ("hostIPC", spec.HostIPC) })
            {
                if (on == true) Report(w.PodSpecPath.Key(field), $"{field} is true; pods may not share the host's namespaces, remove it");
            }
            foreach (var volume in (spec.Volumes ?? []).Where(v => v.HostPath is not null))
                Report(w.PodSpecPath.Key("volumes").Item(volume.Name), $"volume {volume.Name} mounts a host path; use a PersistentVolumeClaim or an emptyDir");

            foreach (var (container, path) in w.Containers)
            {
                var sc = container.SecurityContext;
                var at = path.Key("securityContext");
                var name = $"container {container.Name}";
                if ((sc?.RunAsNonRoot ?? pod?.RunAsNonRoot) != true)
                    Report(at.Key("runAsNonRoot"), $"{name} does not set runAsNonRoot: true (on itself or its pod)");
                if ((sc?.RunAsUser ?? pod?.RunAsUser) == 0)
                    Report(at.Key("runAsUser"), $"{name} runs as user 0 (root); use the image's non-root user, 1000");
                if (sc?.AllowPrivilegeEscalation != false)
                    Report(at.Key("allowPrivilegeEscalation"), $"{name} does not set allowPrivilegeEscalation: false");
                if (sc?.Privileged == true)
                    Report(at.Key("privileged"), $"{name} is privileged; remove privileged: true");
                if (!(sc?.Capabilities?.Drop ?? []).Contains("ALL"))
                    Report(at.Keys("capabilities", "drop"), $"{name} does not drop all capabilities; set capabilities.drop: [ALL]");
                foreach (var added in (sc?.Capabilities?.Add ?? []).Where(c => !AllowedCapabilities.Contains(c)))
                    Report(at.Keys("capabilities", "add"), $"{name} adds capability {added}; only NET_BIND_SERVICE may be added");
                if ((sc?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type) is not ("RuntimeDefault" or "Localhost"))
                    Report(at.Key("seccompProfile"), $"{name} has no RuntimeDefault seccomp profile; set seccompProfile.type: RuntimeDefault");
            }
        }
    }
}
