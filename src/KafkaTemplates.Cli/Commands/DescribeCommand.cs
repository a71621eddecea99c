using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.UseCases.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary><c>kafka-templates describe</c>: a template's parameters with types, defaults, choices and descriptions.</summary>
internal sealed class DescribeCommand(CliConsoles consoles, CliEnvironment environment, TemplateFinder templates) : Command<OneTemplateSettings>
{
    public override int Execute(CommandContext context, OneTemplateSettings settings, CancellationToken cancellationToken)
    {
        var template = templates.Find(settings.Template, environment.ResolvePath(settings.Template), settings.TemplatesIn(environment));
        if (settings.Json)
        {
            consoles.WriteRaw(ToJson(template).ToJsonString(JsonFormatting.Indented) + "\n");
            return ExitCodes.Success;
        }

        var o = consoles.Out;
        o.MarkupLineInterpolated($"[bold]{template.Title}[/] ({template.Id} {template.Version})");
        if (template.Description.Length > 0) o.WriteLine(template.Description);
        o.MarkupLineInterpolated($"[grey]type:[/] {template.Type}   [grey]owner:[/] {template.Owner}   [grey]source:[/] {template.Source}");
        o.WriteLine();
        foreach (var page in template.Parameters.Pages.Select((p, i) => (p, i)))
        {
            o.MarkupLineInterpolated($"[bold]{page.p.Title}[/]");
            var table = new Table().AddColumns("Parameter", "Type", "Default", "Choices / rules", "Description").Border(TableBorder.Simple);
            foreach (var d in template.Parameters.Definitions.Where(d => d.Page == page.i))
            {
                table.AddRow(
                    Markup.Escape(d.Name) + (d.Required ? " [yellow](required)[/]" : "") + (d.IsSecret ? " [grey](secret)[/]" : ""),
                    Markup.Escape(d.Type),
                    Markup.Escape(d.HasDefault ? d.Default?.ToJsonString() ?? "null" : "-"),
                    Markup.Escape(Rules(d)),
                    Markup.Escape(d.Description ?? d.Title));
            }
            o.Write(table);
        }
        o.MarkupLine("[bold]Steps[/]");
        foreach (var step in template.Steps)
            o.MarkupLineInterpolated($"  {step.Id}: {step.Action}{(step.HasCondition ? " (conditional)" : "")}");
        o.WriteLine();
        o.MarkupLineInterpolated($"Scaffold with: [blue]kafka-templates new {template.Id} -o <folder> --set name=value ...[/]");
        return ExitCodes.Success;
    }

    private static string Rules(ParameterDefinition d)
    {
        var rules = new List<string>();
        if (d.Enum is { } values)
        {
            var names = d.EnumNames;
            rules.Add(string.Join(" | ", values.Select((v, i) => (v?.ToString() ?? "null") + (names is not null && i < names.Count && names[i] != v?.ToString() ? $" ({names[i]})" : ""))));
        }
        if (d.Pattern is { } p) rules.Add("pattern " + p);
        if (d.Minimum is { } min) rules.Add($">= {min}");
        if (d.Maximum is { } max) rules.Add($"<= {max}");
        if (d.MinLength is { } minLength) rules.Add($"length >= {minLength}");
        if (d.MaxLength is { } maxLength) rules.Add($"length <= {maxLength}");
        if (d.Items?["type"] is { } itemType) rules.Add($"items: {itemType}");
        return rules.Count == 0 ? "-" : string.Join("; ", rules);
    }

    internal static JsonObject ToJson(TemplateDefinition t) => new()
    {
        ["id"] = t.Id,
        ["version"] = t.Version.ToString(),
        ["title"] = t.Title,
        ["description"] = t.Description,
        ["type"] = t.Type,
        ["owner"] = t.Owner,
        ["source"] = t.Source.ToString(),
        ["parameters"] = new JsonArray(t.Parameters.Definitions.Select(d => (JsonNode)new JsonObject
        {
            ["name"] = d.Name,
            ["page"] = t.Parameters.Pages[d.Page].Title,
            ["type"] = d.Type,
            ["required"] = d.Required,
            ["secret"] = d.IsSecret,
            ["title"] = d.Title,
            ["description"] = d.Description,
            ["default"] = d.Default?.DeepClone(),
            ["schema"] = d.Schema.DeepClone(),
        }).ToArray()),
        ["steps"] = new JsonArray(t.Steps.Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["name"] = s.Name, ["action"] = s.Action }).ToArray()),
    };
}
