using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// One parameter of a template, as its JSON Schema property declares it. The flattened view the CLI uses for
/// <c>describe</c>, prompting and typing <c>--set</c> values; validation itself runs the whole page schema.
/// </summary>
public sealed record ParameterDefinition(string Name, int Page, JsonObject Schema, bool Required)
{
    /// <summary>The JSON type; the first one when the schema lists several.</summary>
    public string Type => Schema["type"] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray a when a.Count > 0 && a[0] is JsonValue first => first.ToString(),
        _ => Enum is not null ? "string" : "string",
    };

    public string Title => Text("title") ?? Name;

    public string? Description => Text("description");

    public bool HasDefault => Schema.ContainsKey("default");

    public JsonNode? Default => Schema["default"];

    public IReadOnlyList<JsonNode?>? Enum => Schema["enum"] is JsonArray a ? a.ToList() : null;

    public IReadOnlyList<string>? EnumNames => Schema["enumNames"] is JsonArray a ? a.Select(x => x?.ToString() ?? "").ToList() : null;

    public string? Pattern => Text("pattern");

    public double? Minimum => Number("minimum");

    public double? Maximum => Number("maximum");

    public double? MinLength => Number("minLength");

    public double? MaxLength => Number("maxLength");

    public JsonObject? Items => Schema["items"] as JsonObject;

    /// <summary>
    /// Backstage's two ways to mark a secret: the Secret field and the password widget. Secrets are used while
    /// rendering but never written to the answers file, a log, or the portal's task store.
    /// </summary>
    public bool IsSecret => Text("ui:field") == "Secret" || Text("ui:widget") == "password"
                            || (Schema["ui:options"] as JsonObject)?["widget"]?.ToString() == "password";

    public IReadOnlyDictionary<string, JsonNode?> UiHints =>
        Schema.Where(kv => kv.Key.StartsWith("ui:", StringComparison.Ordinal)).ToDictionary(kv => kv.Key, kv => kv.Value);

    private string? Text(string key) => Schema[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private double? Number(string key) =>
        Schema[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            ? double.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
