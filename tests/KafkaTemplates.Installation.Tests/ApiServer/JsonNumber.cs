using System.Globalization;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>Reads a JSON number whether it was parsed or built from a CLR int or long (JsonValue.GetValue is strict about that).</summary>
public static class JsonNumber
{
    public static long? Long(JsonNode? node) =>
        node is JsonValue v && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
