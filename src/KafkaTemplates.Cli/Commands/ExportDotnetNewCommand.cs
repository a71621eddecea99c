using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates export dotnet-new</c>: writes .template.config/ from templates/&lt;id&gt;/template.yaml, so dotnet new
/// offers the same parameters and renders the same bytes. <c>--check</c> only reports whether the files are current.
/// </summary>
internal sealed class ExportDotnetNewCommand(CliConsoles consoles, CliEnvironment environment, ExportDotnetNewTemplate export) : Command<ExportDotnetNewCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<TEMPLATE>")]
        [Description("Template id (a folder under <ROOT>/templates) or the path of a template.yaml.")]
        public string Template { get; init; } = "";

        [CommandOption("--root <DIR>")]
        [Description("The folder that holds .template.config and templates/ (default: the current folder).")]
        public string? Root { get; init; }

        [CommandOption("--check")]
        [Description("Write nothing; exit 1 when the files on disk differ from a fresh export.")]
        public bool Check { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var root = environment.ResolvePath(settings.Root ?? ".");
        var result = export.Run(root, settings.Template, environment.ResolvePath(settings.Template), write: !settings.Check);
        if (settings.Check)
        {
            foreach (var f in result.Stale) consoles.Error.MarkupLineInterpolated($"[yellow]stale:[/] {f.Path}");
            if (result.Stale.Count > 0)
            {
                consoles.Error.MarkupLineInterpolated($"Run 'kafka-templates export dotnet-new {result.TemplateId}' and commit the result.");
                return ExitCodes.Problems;
            }
            consoles.Error.MarkupLine("dotnet new files are up to date.");
            return ExitCodes.Success;
        }
        consoles.Error.MarkupLineInterpolated($"Wrote {string.Join(", ", result.Files.Select(f => f.Path))} ({result.Stale.Count} changed).");
        return ExitCodes.Success;
    }
}
