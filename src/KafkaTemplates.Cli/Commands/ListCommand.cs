using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary><c>kafka-templates list</c>: the templates available, with their versions.</summary>
internal sealed class ListCommand(CliConsoles consoles, CliEnvironment environment, TemplateFinder templates) : Command<FormattedTemplateSettings>
{
    public override int Execute(CommandContext context, FormattedTemplateSettings settings, CancellationToken cancellationToken)
    {
        var entries = templates.Catalog(settings.TemplatesIn(environment)).List();
        if (settings.Json)
        {
            var array = new JsonArray(entries.Select(e => (JsonNode)(e.Template is { } t
                ? new JsonObject { ["id"] = t.Id, ["version"] = t.Version.ToString(), ["title"] = t.Title, ["description"] = t.Description, ["type"] = t.Type, ["tags"] = new JsonArray(t.Tags.Select(x => (JsonNode?)x).ToArray()) }
                : new JsonObject { ["id"] = e.Folder, ["error"] = e.Error!.Message })).ToArray());
            consoles.WriteRaw(array.ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else if (entries.Count == 0)
        {
            consoles.Error.MarkupLine("No templates found.");
        }
        else
        {
            var table = new Table().AddColumns("Template", "Version", "Type", "Description").Border(TableBorder.Simple);
            foreach (var e in entries)
            {
                if (e.Template is { } t) table.AddRow(Markup.Escape(t.Id), t.Version.ToString(), Markup.Escape(t.Type), Markup.Escape(t.Description));
                else table.AddRow(Markup.Escape(e.Folder), "-", "-", $"[red]cannot load: {Markup.Escape(e.Error!.Message)}[/]");
            }
            consoles.Out.Write(table);
        }
        return entries.Any(e => e.Error is not null) ? ExitCodes.Problems : ExitCodes.Success;
    }
}
