using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3109: every container requests CPU and memory and has a memory limit.</summary>
internal sealed class ResourcesRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart))
        {
            foreach (var (container, path) in w.Containers)
            {
                var missing = new List<string>();
                if (container.Resources?.Requests?.ContainsKey("cpu") != true) missing.Add("requests.cpu");
                if (container.Resources?.Requests?.ContainsKey("memory") != true) missing.Add("requests.memory");
                if (container.Resources?.Limits?.ContainsKey("memory") != true) missing.Add("limits.memory");
                if (missing.Count == 0) continue;
                context.Report(DiagnosticCatalog.ResourcesMissing,
                    context.Sources.Locate(w.Manifest.SourceFile, path.Key("resources"), w.Kind),
                    $"container {container.Name} in {w.Describe} has no {string.Join(", ", missing)}; set requests for CPU and memory and a memory limit",
                    chart.ValueSet.Context);
            }
        }
    }
}
