using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Templates;

/// <summary><c>spec.output</c>: links and texts shown when scaffolding ends, rendered like step inputs.</summary>
public sealed record TemplateOutput(JsonArray Links, JsonArray Text)
{
    public static readonly TemplateOutput Empty = new([], []);
}
