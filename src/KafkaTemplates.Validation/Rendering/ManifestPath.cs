namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// A path into a rendered object, such as <c>spec.template.spec.containers[kafka].image</c>: mapping keys, and list
/// items named by their <c>name</c>, <c>alert</c> or <c>record</c> value where they have one. Used to find the
/// template line that wrote a field.
/// </summary>
internal sealed class ManifestPath
{
    public static readonly ManifestPath Root = new([]);

    private ManifestPath(IReadOnlyList<PathSegment> segments) => Segments = segments;

    public IReadOnlyList<PathSegment> Segments { get; }

    public static ManifestPath Of(params string[] keys) => new([.. keys.Select(k => new PathSegment(k, null))]);

    public ManifestPath Key(string key) => new([.. Segments, new PathSegment(key, null)]);

    public ManifestPath Keys(params string[] keys) => new([.. Segments, .. keys.Select(k => new PathSegment(k, null))]);

    /// <summary>A list item; <paramref name="hint"/> is its name (or alert, record) when it has one.</summary>
    public ManifestPath Item(string? hint) => new([.. Segments, new PathSegment(null, hint)]);

    public ManifestPath Prepend(PathSegment segment) => new([segment, .. Segments]);

    public override string ToString() =>
        string.Concat(Segments.Select((s, i) => s.Key is { } k ? (i == 0 ? k : "." + k) : $"[{s.Hint ?? "*"}]"));
}

/// <summary>One step of a <see cref="ManifestPath"/>: a mapping key, or a list item with an optional identifying hint.</summary>
internal readonly record struct PathSegment(string? Key, string? Hint);
