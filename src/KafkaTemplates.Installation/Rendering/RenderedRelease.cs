namespace KafkaTemplates.Installation.Rendering;

/// <summary>What helm rendered: the objects to install, and the hook objects (helm test pods) that are not installed.</summary>
internal sealed record RenderedRelease(IReadOnlyList<Manifest> Objects, IReadOnlyList<Manifest> Hooks);
