using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.UseCases.Templates;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates validate</c>: says whether a deployment repo is deployable and why not, as text, JSON or SARIF.
/// Exit codes: 0 no errors (warnings alone pass unless --warnings-as-errors), 1 errors remain, 2 the folder cannot be
/// validated (missing, not a deployment repo, or its answers file, Chart.yaml or values.yaml is not readable YAML).
/// </summary>
internal sealed class ValidateCommand(CliConsoles consoles, CliEnvironment environment, TemplateFinder templates, ValidateRepo validate)
    : AsyncCommand<ValidateCommand.Settings>
{
    public sealed class Settings : TemplateSettings
    {
        [CommandArgument(0, "[DIR]")]
        [Description("The deployment repo to validate. Defaults to the current folder.")]
        public string Directory { get; init; } = ".";

        [CommandOption("--format <FORMAT>")]
        [Description("Output format: text (default, grouped by file), json, or sarif (SARIF 2.1.0, for GitHub code scanning).")]
        [DefaultValue("text")]
        public string Format { get; init; } = "text";

        [CommandOption("--warnings-as-errors")]
        [Description("Report warnings as errors, so that they fail validation (exit code 1) too.")]
        public bool WarningsAsErrors { get; init; }

        [CommandOption("--helm <PATH>")]
        [Description("The helm executable to lint and render the chart with. Default: helm on PATH; without helm, the checks of rendered objects are skipped with a warning.")]
        public string? Helm { get; init; }

        [CommandOption("--explain <CODE>")]
        [Description("Print what a diagnostic code (such as KT4001) means and how to fix it, and exit.")]
        public string? Explain { get; init; }

        public override ValidationResult Validate() =>
            Format is "text" or "json" or "sarif" ? ValidationResult.Success() : ValidationResult.Error($"--format must be text, json or sarif, not '{Format}'");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Explain is { } code)
        {
            var descriptor = DiagnosticCatalog.Find(code)
                ?? throw new UsageException($"--explain: '{code}' is not a diagnostic code; codes run from {DiagnosticCatalog.All[0].Code} to {DiagnosticCatalog.All[^1].Code}");
            consoles.WriteRaw(consoles.Flags(TextReport.Explain(descriptor)));
            return ExitCodes.Success;
        }

        var folder = environment.ResolvePath(settings.Directory);
        consoles.RecoverFolder(folder);
        var request = new ValidateRequest
        {
            Files = ValidateRepo.InFolder(folder),
            HelmPath = settings.Helm is null ? null : environment.ResolvePath(settings.Helm),
            WarningsAsErrors = settings.WarningsAsErrors,
            KnownTemplates = templates.KnownIds(settings.TemplatesIn(environment)),
        };
        ValidationReport report;
        try
        {
            report = await ValidationOutput.WithSpinnerAsync(consoles, environment, () => validate.RunAsync(request, cancellationToken));
        }
        catch (ToolNotFoundException e)
        {
            throw new UsageException(e.Executable == request.HelmPath
                ? $"--helm: {e.Message}; give the path of an executable helm binary"
                : $"{e.Message}; install it again, or give another with --helm (helm) or on PATH");
        }

        switch (settings.Format)
        {
            case "json":
                consoles.WriteRaw(JsonReportWriter.Write(report.InWords(consoles.Flags)));
                break;
            case "sarif":
                // The rules' help comes from the catalog, not the report: the whole log is put in this command's words.
                consoles.WriteRaw(consoles.Flags(SarifReportWriter.Write(report)));
                break;
            default:
                ValidationOutput.Print(consoles, consoles.Out, report, settings.Directory);
                break;
        }
        return report.HasErrors ? ExitCodes.Problems : ExitCodes.Success;
    }
}
