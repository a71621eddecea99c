using System.Globalization;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using Spectre.Console;

namespace KafkaTemplates.Cli.Prompts;

/// <summary>
/// Asks for answers a user has not given, one prompt per parameter: choices as a list, booleans as yes/no, secrets
/// masked, defaults offered, and each answer checked against its schema before moving on.
/// </summary>
internal sealed class ParameterPrompter(IAnsiConsole console)
{
    public void AskMissing(ParameterSchema schema, AnswerInput input)
    {
        foreach (var definition in schema.Definitions.Where(d => d.Required && !input.ProvidesValue(d.Name)))
            input.FromPrompt[definition.Name] = Ask(definition);
    }

    public JsonNode? Ask(ParameterDefinition d)
    {
        var label = Markup.Escape(d.Title) + (d.Description is { } description ? $" [grey]({Markup.Escape(description)})[/]" : "");
        if (d.Enum is { Count: > 0 } choices)
        {
            var names = d.EnumNames;
            var options = choices.Select((c, i) => new Choice(c, names is not null && i < names.Count ? names[i] : c?.ToString() ?? "null")).ToList();
            if (d.Default is { } def)
            {
                // Spectre lists start on the first entry, so the default goes first.
                var index = options.FindIndex(o => JsonNode.DeepEquals(o.Value, def));
                if (index > 0) { var chosen = options[index]; options.RemoveAt(index); options.Insert(0, chosen); }
            }
            var picked = console.Prompt(new SelectionPrompt<Choice>().Title(label).AddChoices(options).UseConverter(o => Markup.Escape(o.Label)));
            return picked.Value?.DeepClone();
        }
        if (d.Type == "boolean")
        {
            var defaultValue = d.Default is JsonValue v && v.TryGetValue<bool>(out var b) && b;
            return console.Prompt(new ConfirmationPrompt(label) { DefaultValue = defaultValue });
        }

        var prompt = new TextPrompt<string>(label + ":")
            .Validate(text => Check(d, text) is { } problem ? ValidationResult.Error($"[red]{Markup.Escape(problem)}[/]") : ValidationResult.Success());
        if (d.IsSecret) prompt.Secret();
        if (d.HasDefault && d.Default is not null)
        {
            prompt.DefaultValue(d.Default is JsonArray a ? string.Join(",", a.Select(x => x?.ToString())) : d.Default.ToString());
            if (d.IsSecret) prompt.HideDefaultValue();
        }
        else if (!d.Required) prompt.AllowEmpty();
        var answer = console.Prompt(prompt);
        return Parse(d, answer, out var value, out _) ? value : JsonValue.Create(answer);
    }

    private static string? Check(ParameterDefinition d, string text)
    {
        if (!Parse(d, text, out var value, out var problem)) return problem;
        return ParameterValueCheck.Problem(d, value);
    }

    private static bool Parse(ParameterDefinition d, string text, out JsonNode? value, out string? problem) =>
        SetValueParser.TryParse(text, d.Schema, out value, out problem);

    private sealed record Choice(JsonNode? Value, string Label);

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
