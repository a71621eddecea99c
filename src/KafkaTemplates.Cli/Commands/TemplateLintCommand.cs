using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates template lint</c>: each line of a template that Backstage would refuse or render differently,
/// with file, line and fix. Exit 0 when there is none, 1 when there are findings, 2 when the template cannot be read.
/// </summary>
internal sealed class TemplateLintCommand(CliConsoles consoles, CliEnvironment environment, TemplateLint lint) : Command<OneTemplateSettings>
{
    public override int Execute(CommandContext context, OneTemplateSettings settings, CancellationToken cancellationToken)
    {
        var findings = lint.Run(settings.Template, environment.ResolvePath(settings.Template), settings.TemplatesIn(environment));
        if (settings.Json)
        {
            var json = new JsonArray(findings.Select(f => (JsonNode)new JsonObject { ["file"] = f.File, ["line"] = f.Line, ["message"] = f.Message }).ToArray());
            consoles.WriteRaw(json.ToJsonString(JsonFormatting.Indented) + "\n");
        }
        else
        {
            foreach (var finding in findings) consoles.Out.MarkupLineInterpolated($"[yellow]{finding.File}:{finding.Line}[/]: {finding.Message}");
            if (findings.Count == 0) consoles.Out.MarkupLineInterpolated($"[green]Backstage renders every file of {settings.Template} as kafka-templates does.[/]");
            else consoles.Out.MarkupLineInterpolated($"{findings.Count} line(s) Backstage would refuse or render differently.");
        }
        return findings.Count == 0 ? ExitCodes.Success : ExitCodes.Problems;
    }
}
