namespace KafkaTemplates.Validation.Rendering;

/// <summary>What helm template produced for one value set.</summary>
internal sealed record RenderedChart(ValueSet ValueSet, IReadOnlyList<RenderedManifest> Manifests)
{
    public IEnumerable<RenderedManifest> OfKind(string kind) => Manifests.Where(m => m.Kind == kind);

    /// <summary>True when every object read strictly; the semantic object rules need typed models to be trusted.</summary>
    public bool ReadCleanly => Manifests.All(m => m.Problems.Count == 0);
}
