using System.Globalization;
using System.Text.Json;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>Checks a JSON value against the shape Backstage's frontend reads: required members and their JSON kinds.</summary>
internal static class JsonShape
{
    public static JsonObject Object(JsonNode? node, string what) =>
        node as JsonObject ?? throw new Xunit.Sdk.XunitException($"{what} must be a JSON object, got {node?.ToJsonString() ?? "nothing"}");

    public static JsonArray Array(JsonNode? node, string what) =>
        node as JsonArray ?? throw new Xunit.Sdk.XunitException($"{what} must be a JSON array, got {node?.ToJsonString() ?? "nothing"}");

    /// <summary>The member, which must exist and be of the kind.</summary>
    public static JsonNode Member(JsonObject owner, string name, JsonValueKind kind)
    {
        Assert.True(owner.ContainsKey(name), $"missing member '{name}' in {owner.ToJsonString()}");
        var node = owner[name];
        Assert.True(node is not null && node.GetValueKind() == kind, $"member '{name}' must be {kind}, got {node?.ToJsonString() ?? "null"}");
        return node!;
    }

    public static string String(JsonObject owner, string name) => Member(owner, name, JsonValueKind.String).GetValue<string>();

    public static bool Bool(JsonObject owner, string name)
    {
        Assert.True(owner[name] is { } node && node.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            $"member '{name}' must be true or false, got {owner[name]?.ToJsonString() ?? "nothing"}");
        return owner[name]!.GetValue<bool>();
    }

    /// <summary>An optional member: absent, or of the kind (Backstage leaves optional fields out rather than null).</summary>
    public static void Optional(JsonObject owner, string name, JsonValueKind kind)
    {
        if (!owner.ContainsKey(name)) return;
        Assert.True(owner[name] is { } node && node.GetValueKind() == kind, $"optional member '{name}' must be {kind} when present, got {owner[name]?.ToJsonString() ?? "null"}");
    }

    /// <summary>An ISO 8601 UTC time with milliseconds, as Backstage's createdAt.</summary>
    public static DateTimeOffset Time(JsonObject owner, string name)
    {
        var text = String(owner, name);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Backstage's error body: { error: { name, message }, request: { method, url }, response: { statusCode } }.</summary>
    public static string Error(JsonNode? body, int status, string name)
    {
        var root = Object(body, "error body");
        var error = Object(root["error"], "error");
        Assert.Equal(name, String(error, "name"));
        var message = String(error, "message");
        Assert.NotEmpty(message);
        Object(root["request"], "request");
        Assert.Equal(status, Member(Object(root["response"], "response"), "statusCode", JsonValueKind.Number).GetValue<int>());
        return message;
    }
}
