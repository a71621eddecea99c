using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Cli.Prompts;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates new</c>: the whole pipeline. Template, answers (file, --set, prompts, defaults), render into
/// memory, then either print the result (--dry-run) or write it into place in one move.
/// </summary>
public sealed partial class NewCommand(CliConsoles consoles, CliEnvironment environment, EngineServices engine, TemplateLocator locator, RepoCheck repoCheck, InstallCommand install)
    : AsyncCommand<NewCommand.Settings>
{
    public sealed class Settings : TemplateSettings
    {
        [CommandArgument(0, "<TEMPLATE>")]
        [Description("Template id (see `list`), a folder holding template.yaml, or the path of a template.yaml.")]
        public string Template { get; init; } = "";

        [CommandOption("-o|--output <DIR>")]
        [Description("Folder to create. Defaults to ./<name> when the template has a name parameter. Must be empty unless --force.")]
        public string? Output { get; init; }

        [CommandOption("--set <KEY=VALUE>")]
        [Description("An answer, typed by the parameter's schema (numbers, true/false, a,b lists). Repeat for more.")]
        public string[] Set { get; init; } = [];

        [CommandOption("--values <FILE>")]
        [Description("A YAML file of answers (parameter: value). Repeat for more; later files win, --set wins over files.")]
        public string[] Values { get; init; } = [];

        [CommandOption("--dry-run")]
        [Description("Render and print the file tree (or the files, with --format json); write nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("With --dry-run: text (a tree, default) or json (every file with its content).")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--force")]
        [Description("Write into a folder that is not empty: generated files replace theirs, other files are kept.")]
        public bool Force { get; init; }

        [CommandOption("--no-validate")]
        [Description("Skip validating the new repo after writing it.")]
        public bool NoValidate { get; init; }

        [CommandOption("--no-prompt")]
        [Description("Never ask for missing answers, even at a terminal (CI=true has the same effect).")]
        public bool NoPrompt { get; init; }

        public override ValidationResult Validate() =>
            Output is { } output && string.IsNullOrWhiteSpace(output) ? ValidationResult.Error("-o is empty; give the folder to create, such as -o payments-kafka")
            : Format is not ("text" or "json") ? ValidationResult.Error($"--format must be text or json, not '{Format}'")
            : Format == "json" && !DryRun ? ValidationResult.Error("--format json prints the files of a --dry-run; add --dry-run, or leave --format out")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var template = locator.Resolve(settings.Template, settings.Templates);
        var input = ReadAnswers(settings);

        var target = settings.Output ?? DefaultOutput(template, input)
            ?? throw new UsageException("give the folder to create with -o <DIR> (or --set name=<name> to create ./<name>)");
        var targetPath = environment.ResolvePath(target);

        // A template with a "name" parameter takes the folder's name when none is given, as dotnet new does.
        var nameFromFolder = template.Parameters.Find("name") is not null && !input.Provides("name");
        if (nameFromFolder) input.FromSet.Add(new("name", Path.GetFileName(targetPath.TrimEnd(Path.DirectorySeparatorChar))));

        if (!settings.DryRun) consoles.RecoverFolder(targetPath);
        if (!settings.DryRun && Directory.Exists(targetPath) && Directory.EnumerateFileSystemEntries(targetPath).Any() && !settings.Force)
            throw new TargetNotEmptyException(target);

        if (environment.CanPrompt && !settings.NoPrompt) new ParameterPrompter(consoles.Error).AskMissing(template.Parameters, input);
        AnswerSet answers;
        try
        {
            answers = ParameterBinder.Bind(template.Parameters, input);
        }
        catch (ParameterException e) when (nameFromFolder && e.Violations.Any(v => v.Parameter == "name"))
        {
            // The user never typed this name: say where it came from and how to choose another.
            throw new ParameterException([.. e.Violations.Select(v => v.Parameter != "name" ? v
                : v with { Message = $"{v.Message}; it was taken from the folder name of -o {target}: pass --set name=<name>, or choose another folder" })]);
        }

        if (template.Source.Kind == TemplateSourceKind.Folder)
            template = template with { Source = TemplateSource.Folder(RelativeSource(template.Directory, targetPath)) };

        var log = new ScaffoldLog(entry =>
        {
            if (environment.IsTerminal && !environment.IsCi && entry.Level != ScaffoldLogLevel.Debug)
                consoles.Error.MarkupLineInterpolated($"[grey]{entry.StepId}:[/] {entry.Message}");
        });
        var result = await engine.Scaffolder.RunAsync(template, answers, new ScaffoldOptions(), log, cancellationToken);

        if (settings.DryRun)
        {
            DryRunOutput.Print(consoles, result, target, settings.Format == "json");
            return ExitCodes.Success;
        }

        AtomicDirectoryWriter.Write(result.Files, targetPath, new WriteOptions { Force = settings.Force });
        consoles.Error.MarkupLineInterpolated($"[green]Created[/] {target} from {template.Id} {template.Version} ({result.Files.Count} files).");
        PrintOutput(result);

        // The validator knows Kafka deployment repos; other templates' output has nothing for it to judge.
        var deploymentRepo = result.Files.Contains("helm/Chart.yaml");
        var validation = settings.NoValidate || !deploymentRepo ? ExitCodes.Success : await repoCheck.RunAsync(targetPath, cancellationToken);
        if (validation != ExitCodes.Success || answers["install"] is not System.Text.Json.Nodes.JsonValue v || !v.TryGetValue<bool>(out var wanted) || !wanted)
            return validation;

        // The template's install switch: deploy the repo right away, as the dotnet new post-action does.
        consoles.Error.MarkupLineInterpolated($"Installing {target} (install: true)...");
        int installed;
        try
        {
            installed = await install.ExecuteAsync(context, new InstallCommand.Settings { Directory = targetPath, CreateNamespace = true, Wait = true }, cancellationToken);
        }
        catch (UsageException e)
        {
            consoles.Problem(e.Message);
            installed = ExitCodes.BadInput;
        }
        if (installed != ExitCodes.BadInput) return installed;
        // Exit 2 would say nothing was written, but the repo was: the install is what failed.
        consoles.Error.MarkupLineInterpolated($"The repo {target} was created{(settings.NoValidate ? "" : " and validated")}, but not installed: fix the above, then run `kafka-templates install {target}`.");
        return ExitCodes.Problems;
    }

    private AnswerInput ReadAnswers(Settings settings)
    {
        var input = new AnswerInput();
        foreach (var file in settings.Values)
        {
            foreach (var (k, v) in ValuesFile.Read(environment.ResolvePath(file), file)) input.FromFile[k] = v?.DeepClone();
        }
        foreach (var assignment in settings.Set)
        {
            try { input.FromSet.Add(KeyValuePair.Create(SetValueParser.Split(assignment).Key, SetValueParser.Split(assignment).Value)); }
            catch (FormatException) { throw new UsageException($"--set '{assignment}': write --set name=value"); }
        }
        return input;
    }

    private static string? DefaultOutput(TemplateDefinition template, AnswerInput input)
    {
        if (template.Parameters.Find("name") is null) return null;
        var fromSet = input.FromSet.LastOrDefault(s => s.Key == "name").Value;
        var name = fromSet ?? input.FromFile["name"]?.ToString();
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>A folder template is recorded relative to the new repo, so the record means the same on every machine.</summary>
    private static string RelativeSource(string templateDirectory, string targetPath) =>
        Path.GetRelativePath(targetPath, templateDirectory).Replace('\\', '/');

    private void PrintOutput(ScaffoldResult result)
    {
        if (result.Output["links"] is System.Text.Json.Nodes.JsonArray links)
            foreach (var link in links.OfType<System.Text.Json.Nodes.JsonObject>().Where(l => l["url"] is not null))
                consoles.Error.MarkupLineInterpolated($"  {link["title"]?.ToString() ?? "link"}: {link["url"]!.ToString()}");
        if (result.Output["text"] is System.Text.Json.Nodes.JsonArray texts)
            foreach (var text in texts.OfType<System.Text.Json.Nodes.JsonObject>().Where(t => t["content"] is not null))
                consoles.Error.MarkupLineInterpolated($"  {text["title"]?.ToString() ?? ""}: {text["content"]!.ToString()}");
    }
}
