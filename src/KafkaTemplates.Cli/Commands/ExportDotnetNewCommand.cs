using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Export.DotnetNew;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates export dotnet-new</c>: writes .template.config/ from templates/&lt;id&gt;/template.yaml, so dotnet new
/// offers the same parameters and renders the same bytes. <c>--check</c> only reports whether the files are current.
/// </summary>
internal sealed class ExportDotnetNewCommand(CliConsoles consoles, CliEnvironment environment, UseCases.UseCaseContext context) : Command<ExportDotnetNewCommand.Settings>
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
        var template = LoadTemplate(root, settings.Template);
        var files = DotnetNewExporter.Export(template, DotnetNewExportOptions.ForKafkaTemplates(template, root));

        var stale = files.Where(f => !File.Exists(Path.Combine(root, f.Path)) || !File.ReadAllBytes(Path.Combine(root, f.Path)).AsSpan().SequenceEqual(f.Content.Span)).ToList();
        if (settings.Check)
        {
            foreach (var f in stale) consoles.Error.MarkupLineInterpolated($"[yellow]stale:[/] {f.Path}");
            if (stale.Count > 0)
            {
                consoles.Error.MarkupLineInterpolated($"Run 'kafka-templates export dotnet-new {template.Id}' and commit the result.");
                return ExitCodes.Problems;
            }
            consoles.Error.MarkupLine("dotnet new files are up to date.");
            return ExitCodes.Success;
        }
        foreach (var f in files)
        {
            var path = Path.Combine(root, f.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, f.Content.ToArray());
        }
        consoles.Error.MarkupLineInterpolated($"Wrote {string.Join(", ", files.Select(f => f.Path))} ({stale.Count} changed).");
        return ExitCodes.Success;
    }

    private TemplateDefinition LoadTemplate(string root, string template)
    {
        var inRepo = Path.Combine(root, "templates", template, TemplateLoader.FileName);
        var path = File.Exists(inRepo) ? inRepo : environment.ResolvePath(template);
        if (!File.Exists(path) && !File.Exists(Path.Combine(path, TemplateLoader.FileName)))
            throw new UsageException($"no template '{template}' under {Path.Combine(root, "templates")}; give a template id there or the path of a template.yaml");
        // The process's one engine, with its actions: the loader checks every step's action.
        return context.Engine.Loader.Load(path, TemplateSource.Builtin);
    }
}
