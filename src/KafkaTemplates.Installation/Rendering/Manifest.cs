using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>One object helm rendered, with the chart template it came from.</summary>
internal sealed class Manifest(JsonObject body, string? source)
{
    public JsonObject Body { get; } = body;

    /// <summary>The chart file, from helm's "# Source:" line.</summary>
    public string? Source { get; } = source;

    public ObjectRef Ref => ObjectRef.Of(Body);

    /// <summary>The helm.sh/hook annotation split into its hook names (test, pre-install...), empty for an ordinary object.</summary>
    public IReadOnlyList<string> Hooks =>
        Body["metadata"]?["annotations"]?["helm.sh/hook"]?.GetValue<string>() is { } hooks
            ? hooks.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];

    public string? Annotation(string name) => Body["metadata"]?["annotations"]?[name]?.GetValue<string>();
}
