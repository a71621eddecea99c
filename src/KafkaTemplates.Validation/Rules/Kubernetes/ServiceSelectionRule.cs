using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// KT3102 and KT3107: every Service with a selector selects pods of the release (helm hooks such as the test pod do
/// not count), and each of its target ports is a port of those pods' containers.
/// </summary>
internal sealed class ServiceSelectionRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        var workloads = Workload.In(chart).Where(w => !w.Manifest.IsHook).ToList();
        foreach (var manifest in chart.OfKind("Service"))
        {
            if (manifest.As<V1Service>() is not { Spec: { } spec } || spec.Selector is not { Count: > 0 } selector) continue;
            var selected = workloads.Where(w => w.HasPodWhere(labels => LabelSelector.Matches(selector, labels))).ToList();
            if (selected.Count == 0)
            {
                context.Report(DiagnosticCatalog.ServiceSelectsNothing,
                    context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("spec", "selector"), manifest.Kind),
                    $"Service {manifest.Name} selects {string.Join(", ", selector.Select(p => $"{p.Key}={p.Value}"))}, which no pod of the release has; use the labels of the pods it serves",
                    chart.ValueSet.Context);
                continue;
            }
            foreach (var port in spec.Ports ?? [])
            {
                var target = port.TargetPort?.Value ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                foreach (var w in selected.Where(w => !Declares(w, target)))
                {
                    context.Report(DiagnosticCatalog.ServiceTargetPortUndeclared,
                        context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("spec", "ports").Item(port.Name).Key("targetPort"), manifest.Kind),
                        $"port {port.Name ?? port.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} of Service {manifest.Name} targets '{target}', which no container of {w.Describe} declares; target one of its container ports",
                        chart.ValueSet.Context);
                }
            }
        }
    }

    /// <summary>A named port matches a container port's name; a number matches its containerPort.</summary>
    internal static bool Declares(Workload workload, string port) =>
        workload.Spec.Containers.Any(c => Declares(c, port));

    internal static bool Declares(V1Container container, string port) =>
        (container.Ports ?? []).Any(p => p.Name == port || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port);
}
