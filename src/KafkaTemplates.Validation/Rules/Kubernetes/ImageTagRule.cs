using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>KT3110: no container image uses the latest tag, no tag, or an empty tag.</summary>
internal sealed class ImageTagRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        foreach (var w in Workload.In(chart))
        {
            foreach (var (container, path) in w.Containers)
            {
                if (container.Image is not { } image) continue;
                var reference = ImageReference.Parse(image);
                if (!reference.IsLatest && !(reference.Digest is null && reference.Tag?.Length == 0)) continue;
                // A tag written in values.yaml is changed there, not in the template.
                var at = reference.Tag is { Length: > 0 } tag && context.Values?.String("image.tag") == tag && chart.ValueSet.IsRepoValues
                    ? context.Values.Mark("image.tag")
                    : context.Sources.Locate(w.Manifest.SourceFile, path.Key("image"), w.Kind);
                context.Report(DiagnosticCatalog.ImageTagFloating, at,
                    $"container {container.Name} in {w.Describe} runs {image}, which {(reference.Tag is { Length: > 0 } ? "uses the latest tag" : "has no tag and means latest")}; use the immutable tag CI pushes or a digest",
                    chart.ValueSet.Context);
            }
        }
    }
}
