using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Builds the input schemas of the built-in actions from compact JSON text.</summary>
public static class ActionSchemas
{
    public static JsonObject Object(string propertiesJson, params string[] required)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = JsonNode.Parse(propertiesJson),
        };
        if (required.Length > 0) schema["required"] = new JsonArray(required.Select(r => (JsonNode?)r).ToArray());
        return schema;
    }
}
