using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// One entry of <c>spec.steps</c>. <see cref="Input"/>, <see cref="If"/> and <see cref="Each"/> hold the raw
/// YAML values; expressions in them are rendered when the step runs.
/// </summary>
public sealed record TemplateStep(
    string Id,
    string Name,
    string Action,
    JsonObject Input,
    JsonNode? If,
    JsonNode? Each,
    SourceMark Mark)
{
    public bool HasCondition => If is not null;
}
