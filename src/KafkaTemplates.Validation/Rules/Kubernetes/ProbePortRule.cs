using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3106: the port every startup, readiness and liveness probe checks is a port of its container.</summary>
internal sealed class ProbePortRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart))
        {
            foreach (var (container, path) in w.Containers)
            {
                foreach (var (kind, probe) in new[] { ("startupProbe", container.StartupProbe), ("readinessProbe", container.ReadinessProbe), ("livenessProbe", container.LivenessProbe) })
                {
                    if (Port(probe) is not var (handler, port) || ServiceSelectionRule.Declares(container, port)) continue;
                    context.Report(DiagnosticCatalog.ProbePortUndeclared,
                        context.Sources.Locate(w.Manifest.SourceFile, path.Keys(kind, handler, "port"), w.Kind),
                        $"the {kind} of container {container.Name} in {w.Describe} checks port '{port}', which the container does not declare; use one of its ports ({string.Join(", ", (container.Ports ?? []).Select(p => p.Name ?? p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)))})",
                        chart.ValueSet.Context);
                }
            }
        }
    }

    private static (string Handler, string Port)? Port(V1Probe? probe) => probe switch
    {
        { TcpSocket.Port: { } p } => ("tcpSocket", p.Value),
        { HttpGet.Port: { } p } => ("httpGet", p.Value),
        { Grpc: { } g } => ("grpc", g.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        _ => null,
    };
}
