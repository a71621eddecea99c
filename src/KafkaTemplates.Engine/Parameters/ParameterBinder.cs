using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Turns what the user gave into a validated <see cref="AnswerSet"/>: defaults first, then the recorded answers,
/// the values file, <c>--set</c> and prompts; then every rule of every page is checked and every violation reported.
/// </summary>
public static class ParameterBinder
{
    public static AnswerSet Bind(ParameterSchema schema, AnswerInput input)
    {
        var violations = new List<ParameterViolation>();
        var omitted = 0;
        var limits = InputLimits.Default;
        // A hostile file can hold millions of unknown keys: the first few are described, the rest only counted.
        void Report(Func<ParameterViolation> violation)
        {
            if (violations.Count < limits.MaxErrors) violations.Add(violation());
            else omitted++;
        }
        var answers = new JsonObject();
        foreach (var d in schema.Definitions.Where(d => d.HasDefault)) answers[d.Name] = d.Default?.DeepClone();

        void Overlay(JsonObject source)
        {
            foreach (var (name, value) in source)
            {
                if (schema.Find(name) is null) { Report(() => Unknown(schema, name)); continue; }
                answers[name] = value?.DeepClone();
            }
        }

        Overlay(input.Recorded);
        Overlay(input.FromFile);
        foreach (var (name, raw) in input.FromSet)
        {
            var definition = schema.Find(name);
            if (definition is null) { Report(() => Unknown(schema, name)); continue; }
            if (SetValueParser.TryParse(raw, definition.Schema, out var typed, out var problem)) answers[name] = typed;
            else Report(() => new(name, "type", Show(definition, JsonValue.Create(raw)), $"{problem}; {name} is {Article(definition.Type)} {definition.Type} parameter"));
        }
        Overlay(input.FromPrompt);

        var reported = new HashSet<string>(violations.Select(v => v.Parameter), StringComparer.Ordinal);
        foreach (var d in schema.Definitions.Where(d => d.Required))
        {
            if (reported.Contains(d.Name)) continue;
            if (IsMissing(answers[d.Name]))
            {
                Report(() => new(d.Name, "required", null, "is required"));
                reported.Add(d.Name);
            }
        }

        foreach (var page in schema.Pages)
            foreach (var violation in Evaluate(schema, page, answers, reported)) Report(() => violation);
        if (violations.Count > 0) throw new ParameterException(violations, omitted);

        var ordered = schema.Definitions.Where(d => answers.ContainsKey(d.Name))
            .Select(d => new KeyValuePair<string, JsonNode?>(d.Name, answers[d.Name]));
        return new AnswerSet(ordered, schema.Secrets.Select(s => s.Name));
    }

    /// <summary>Backstage's forms treat an empty string like a missing answer for required fields.</summary>
    public static bool IsMissing(JsonNode? value) => value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0);

    private static IEnumerable<ParameterViolation> Evaluate(ParameterSchema schema, ParameterPage page, JsonObject answers, HashSet<string> reported)
    {
        var result = SchemaCompiler.Evaluate(page.Compiled, answers);
        if (result.IsValid) yield break;
        foreach (var detail in new[] { result }.Concat(result.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var segments = detail.InstanceLocation.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries);
            foreach (var (keyword, message) in detail.Errors!)
            {
                if (segments.Length == 0)
                {
                    // Root-level rules (required inside conditional pages, for example) name the property in the message.
                    if (keyword == "required" || keyword is "allOf" or "anyOf" or "oneOf" or "dependencies" or "if" or "then") continue;
                    yield return new ParameterViolation("(page " + page.Title + ")", keyword, null, message);
                    continue;
                }
                var name = Unescape(segments[0]);
                if (!reported.Add(name + "\0" + keyword) || reported.Contains(name)) continue;
                var definition = schema.Find(name);
                var value = answers[name];
                var path = segments.Length > 1 ? name + "/" + string.Join('/', segments.Skip(1).Select(Unescape)) : name;
                // Below the parameter itself, the rule is the nested schema's, and so are the library's words for it.
                var own = segments.Length == 1 ? definition : null;
                var text = Describe(own, keyword, message);
                if (own is not null && keyword == "pattern" && value is JsonValue s && s.GetValueKind() == JsonValueKind.String)
                    text += ParameterPatterns.LineBreakNote(s.ToString());
                yield return new ParameterViolation(path, keyword, definition is null ? value?.ToJsonString() : Show(definition, value), text);
            }
        }
    }

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0]) ? "an" : "a";

    private static string Unescape(string pointerSegment) => pointerSegment.Replace("~1", "/").Replace("~0", "~");

    /// <summary>Messages that say what a valid value looks like, in the words of the parameter's own schema.</summary>
    private static string Describe(ParameterDefinition? d, string keyword, string fallback)
    {
        if (d is null) return fallback;
        string N(double? x) => x?.ToString(CultureInfo.InvariantCulture) ?? "?";
        return keyword switch
        {
            "pattern" => $"must match the pattern {d.Pattern}" + (d.Description is { } desc ? $" ({desc})" : ""),
            "enum" => "must be one of: " + string.Join(", ", d.Enum!.Select(e => e?.ToJsonString() ?? "null")),
            "minimum" => $"must be at least {N(d.Minimum)}",
            "maximum" => $"must be at most {N(d.Maximum)}",
            "exclusiveMinimum" => $"must be more than {d.Schema["exclusiveMinimum"]}",
            "exclusiveMaximum" => $"must be less than {d.Schema["exclusiveMaximum"]}",
            "minLength" => $"must be at least {N(d.MinLength)} characters long",
            "maxLength" => $"must be at most {N(d.MaxLength)} characters long",
            "type" => d.Schema["type"]?.ToJsonString().Trim('"') is { Length: > 0 } type ? $"must be {Article(type)} {type}" : fallback,
            _ => fallback,
        };
    }

    private static string? Show(ParameterDefinition definition, JsonNode? value) =>
        definition.IsSecret ? "***" : InputLimits.Default.Quote(value?.ToJsonString() ?? "null");

    private static ParameterViolation Unknown(ParameterSchema schema, string name)
    {
        var names = schema.Definitions.Select(d => d.Name).ToList();
        var close = EditDistance.Closest(name, names);
        var hint = close is not null ? $"did you mean '{close}'? " : "";
        return new ParameterViolation(InputLimits.Default.Quote(name), "unknown", null,
            $"is not a parameter of this template; {hint}its parameters are: {string.Join(", ", names)}");
    }
}
