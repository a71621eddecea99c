using System.Text.Json;
using Json.Schema;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// <c>pattern</c> wherever it appears in a schema (a parameter, a property of an object parameter, the items of a
/// list, a branch of <c>oneOf</c> or <c>dependencies</c>, a step's input): matched by <see cref="ParameterPatterns"/>,
/// as YAML will read the value and with its time limit, in place of the schema library's own check, which knows
/// neither. Every string an answer holds ends up in a YAML file, at any depth.
/// </summary>
internal sealed class YamlAwarePatternKeyword : IKeywordHandler
{
    public static YamlAwarePatternKeyword Instance { get; } = new();

    public string Name => "pattern";

    public object? ValidateKeywordValue(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String) throw new JsonSchemaException("'pattern' must be a regular expression in a string");
        var pattern = value.GetString()!;
        ParameterPatterns.Compile(pattern);
        return pattern;
    }

    public void BuildSubschemas(KeywordData keyword, BuildContext context) { }

    public KeywordEvaluation Evaluate(KeywordData keyword, EvaluationContext context)
    {
        if (context.Instance.ValueKind != JsonValueKind.String) return KeywordEvaluation.Ignore;
        var pattern = (string)keyword.Value!;
        var text = context.Instance.GetString()!;
        if (ParameterPatterns.Matches(pattern, text)) return new KeywordEvaluation { Keyword = Name, IsValid = true };
        return new KeywordEvaluation { Keyword = Name, IsValid = false, Error = $"must match the pattern {pattern}{ParameterPatterns.LineBreakNote(text)}" };
    }
}
