using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// Parameter violations in two spellings: Backstage's <c>errors</c> (the jsonschema library's ValidationError:
/// path, property, message, instance, name, argument, stack) and the portal's own <c>{ parameter, rule, value, message }</c>.
/// Secret values arrive here already masked by the binder.
/// </summary>
internal static class ViolationJson
{
    public static JsonArray ToBackstageErrors(IEnumerable<ParameterViolation> violations) =>
        new([.. violations.Select(v =>
        {
            var path = v.Parameter.StartsWith('(') ? [] : v.Parameter.Split('/');
            var property = "instance" + string.Concat(path.Select(p => "." + p));
            return (JsonNode)new JsonObject
            {
                ["path"] = new JsonArray([.. path.Select(p => (JsonNode?)p)]),
                ["property"] = property,
                ["message"] = v.Message,
                ["instance"] = Instance(v.Value),
                ["name"] = v.Rule,
                ["argument"] = null,
                ["stack"] = $"{property} {v.Message}",
                ["parameter"] = v.Parameter,
                ["rule"] = v.Rule,
                ["value"] = v.Value,
            };
        })]);

    public static JsonArray ToPortal(IEnumerable<ParameterViolation> violations) =>
        new([.. violations.Select(v => (JsonNode)new JsonObject
        {
            ["parameter"] = v.Parameter,
            ["rule"] = v.Rule,
            ["value"] = v.Value,
            ["message"] = v.Message,
        })]);

    /// <summary>The binder shows values as JSON text; the instance is that value again, or the mask for a secret.</summary>
    private static JsonNode? Instance(string? shown)
    {
        if (shown is null) return null;
        try
        {
            return JsonNode.Parse(shown);
        }
        catch (JsonException)
        {
            return shown;
        }
    }
}
