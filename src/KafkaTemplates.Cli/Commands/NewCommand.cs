using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Cli.Prompts;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Installation;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Create;
using KafkaTemplates.UseCases.Templates;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates new</c>: binds the command line (template, values files, --set, prompts, the output folder) to
/// the create-repo use case and shows what it did: the file tree of a dry run and the file checks, or the repo
/// written, its validation and, when the answers ask for it, its install.
/// </summary>
internal sealed class NewCommand(CliConsoles consoles, CliEnvironment environment, TemplateFinder templates, CreateRepo create, InstallerDefaults installer,
    UseCaseContext useCases)
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
        [Description("Render, print the file tree (or the files, with --format json) and the file checks' findings; write nothing. helm and promtool run once the repo is written.")]
        public bool DryRun { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("With --dry-run: text (a tree, default) or json (every file with its content).")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--force")]
        [Description("Write into a folder that is not empty: generated files replace theirs, other files are kept.")]
        public bool Force { get; init; }

        [CommandOption("--no-validate")]
        [Description("Skip validating the new repo (after writing it, or the file checks of a dry run).")]
        public bool NoValidate { get; init; }

        [CommandOption("--publish")]
        [Description("Run the template's publish:* and catalog:register steps (tokens from GITHUB_TOKEN, GITLAB_TOKEN, KAFKA_TEMPLATES_GIT_TOKEN, KAFKA_TEMPLATES_CATALOG_TOKEN); without it they are skipped.")]
        public bool Publish { get; init; }

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
        var template = templates.Find(settings.Template, environment.ResolvePath(settings.Template), settings.TemplatesIn(environment));
        var input = ReadAnswers(settings);
        var target = settings.Output ?? CreateRepo.DefaultTarget(template, input)
            ?? throw new UsageException("give the folder to create with -o <DIR> (or --set name=<name> to create ./<name>)");
        var targetPath = environment.ResolvePath(target);
        if (!settings.DryRun)
        {
            consoles.RecoverFolder(targetPath);
            CreateRepo.CheckTarget(targetPath, target, settings.Force);
        }

        var ask = environment.CanPrompt && !settings.NoPrompt ? new ParameterPrompter(consoles.Error).AskMissing : (Action<ParameterSchema, AnswerInput>?)null;
        var answers = CreateRepo.BindAnswers(template, input, targetPath, target, ask);
        var install = new InstallOptions
        {
            RepoPath = targetPath,
            CreateNamespace = true,
            Wait = true,
            Connection = new() { Variables = environment.Variables },
            Retry = installer.Retry,
        };
        var creator = settings.Publish && !settings.DryRun ? new CreateRepo(useCases.WithPublishing(PublishingEnvironment.Read(environment))) : create;
        var result = await creator.RunAsync(new CreateRepoRequest
        {
            Template = template,
            Answers = answers,
            Target = targetPath,
            DryRun = settings.DryRun,
            Force = settings.Force,
            Validation = settings.NoValidate ? null : ValidationDepth.Full,
            KnownTemplates = templates.KnownIds(settings.TemplatesIn(environment)),
            Install = install,
        }, new ConsoleObserver(consoles, environment, target, settings.NoValidate), cancellationToken);

        if (settings.DryRun) return PrintDryRun(result, target, settings.Format == "json");
        return Finish(result, install, target, settings.NoValidate);
    }

    private int PrintDryRun(CreateRepoResult result, string target, bool json)
    {
        DryRunOutput.Print(consoles, result.Rendered, target, json, result.Validation);
        if (result.ValidationFailure is { } failure)
        {
            consoles.Problem(failure.Message);
            return ExitCodes.BadInput;
        }
        if (!json && result.Validation is { } report)
        {
            consoles.Out.MarkupLine("[grey]The file checks (helm and promtool run once the repo is written; skip with --no-validate):[/]");
            ValidationOutput.Print(consoles, consoles.Out, report, target);
        }
        return result.Validation?.HasErrors == true ? ExitCodes.Problems : ExitCodes.Success;
    }

    private int Finish(CreateRepoResult result, InstallOptions install, string target, bool noValidate)
    {
        if (result.ValidationFailure is { } failure)
        {
            consoles.Problem(failure.Message);
            return ExitCodes.BadInput;
        }
        if (result.Validation?.HasErrors == true || !result.InstallAsked) return result.Validation?.HasErrors == true ? ExitCodes.Problems : ExitCodes.Success;

        var installed = result.InstallFailure is { } e ? InstallOutput.Failure(consoles, e) : InstallOutput.Print(consoles, environment, result.Install!, install);
        if (installed != ExitCodes.BadInput) return installed;
        // Exit 2 would say nothing was written, but the repo was: the install is what failed.
        consoles.Error.MarkupLineInterpolated($"The repo {target} was created{(noValidate ? "" : " and validated")}, but not installed: fix the above, then run `kafka-templates install {target}`.");
        return ExitCodes.Problems;
    }

    private AnswerInput ReadAnswers(Settings settings)
    {
        var input = new AnswerInput();
        foreach (var file in settings.Values)
        {
            foreach (var (k, v) in ValuesFile.Read(environment.ResolvePath(file), file)) input.FromFile[k] = v?.DeepClone();
        }
        input.FromSet.AddRange(SetArguments.Parse(settings.Set));
        return input;
    }

    /// <summary>Shows the run: step lines on a terminal, the new repo and its links, a spinner while validating, the install's progress.</summary>
    private sealed class ConsoleObserver(CliConsoles consoles, CliEnvironment environment, string target, bool noValidate) : ICreateRepoObserver
    {
        public IScaffoldLog Log { get; } = new ScaffoldLog(entry =>
        {
            if (environment.IsTerminal && !environment.IsCi && entry.Level != ScaffoldLogLevel.Debug)
                consoles.Error.MarkupLineInterpolated($"[grey]{entry.StepId}:[/] {entry.Message}");
        });

        public void Written(string folder, ScaffoldResult result)
        {
            consoles.Error.MarkupLineInterpolated($"[green]Created[/] {target} from {result.Answers.Template} {result.Answers.Version} ({result.Files.Count} files).");
            if (result.Output["links"] is System.Text.Json.Nodes.JsonArray links)
                foreach (var link in links.OfType<System.Text.Json.Nodes.JsonObject>().Where(l => l["url"] is not null))
                    consoles.Error.MarkupLineInterpolated($"  {link["title"]?.ToString() ?? "link"}: {link["url"]!.ToString()}");
            if (result.Output["text"] is System.Text.Json.Nodes.JsonArray texts)
                foreach (var text in texts.OfType<System.Text.Json.Nodes.JsonObject>().Where(t => t["content"] is not null))
                    consoles.Error.MarkupLineInterpolated($"  {text["title"]?.ToString() ?? ""}: {text["content"]!.ToString()}");
        }

        public async Task<ValidationReport> ValidateAsync(ValidationDepth depth, Func<Task<ValidationReport>> validate)
        {
            if (depth == ValidationDepth.Files) return await validate();
            var report = await ValidationOutput.WithSpinnerAsync(consoles, environment, validate);
            consoles.Error.MarkupLine($"[grey]Validating the new repo{(noValidate ? "" : " (skip with --no-validate)")}:[/]");
            ValidationOutput.Print(consoles, consoles.Error, report, RepoFiles.FolderName(target));
            return report;
        }

        public IInstallObserver Installing(string folder)
        {
            consoles.Error.MarkupLineInterpolated($"Installing {target} (install: true)...");
            return new InstallOutput.Observer(consoles, environment);
        }
    }
}
