using System.Text.Json.Nodes;
using Json.Schema;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>One page of <c>spec.parameters</c>: a JSON Schema object, compiled once for validation.</summary>
public sealed record ParameterPage(string Title, string? Description, JsonObject Schema, JsonSchema Compiled);
