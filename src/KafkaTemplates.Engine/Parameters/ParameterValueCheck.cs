using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Checks one answer against its own parameter's schema, as a prompt or a form does while the user types, with
/// the same wording as <see cref="ParameterBinder"/>, which still checks all answers together at the end.
/// </summary>
public static class ParameterValueCheck
{
    private static readonly ConcurrentDictionary<string, ParameterPage> Pages = new();

    /// <summary>Returns what is wrong with the value, or null when it is fine.</summary>
    public static string? Problem(ParameterDefinition definition, JsonNode? value)
    {
        var page = Pages.GetOrAdd(definition.Name + "\n" + definition.Schema.ToJsonString(), _ => PageFor(definition));
        var input = new AnswerInput();
        input.FromPrompt[definition.Name] = value?.DeepClone();
        try
        {
            ParameterBinder.Bind(new ParameterSchema([page], [definition with { Required = false, Page = 0 }]), input);
            return null;
        }
        catch (ParameterException e)
        {
            return e.Violations[0].Message;
        }
    }

    private static ParameterPage PageFor(ParameterDefinition definition)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [definition.Name] = definition.Schema.DeepClone() },
        };
        var compiled = SchemaCompiler.Compile(schema);
        return new ParameterPage(definition.Name, null, schema, compiled);
    }
}
