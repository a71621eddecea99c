using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3001-KT3004: what strict reading of every rendered object found, at the template line that wrote it.</summary>
internal sealed class ManifestModelRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var manifest in chart.Manifests)
        {
            foreach (var problem in manifest.Problems)
            {
                // The second of two equal keys is the one to remove.
                var occurrence = problem.Descriptor == DiagnosticCatalog.DuplicateKey ? 2 : 1;
                context.Report(problem.Descriptor, context.Sources.Locate(manifest.SourceFile, problem.Path, manifest.Kind, occurrence),
                    problem.Message, chart.ValueSet.Context);
            }
        }
    }
}
