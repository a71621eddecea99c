using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Output;
using Spectre.Console;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// Validation as the CLI runs it: options from the command line and the environment (helm and promtool are looked
/// for on its PATH), the validator, and the human-readable report, coloured on a terminal. `new` runs it on the repo
/// it just wrote; `validate` uses it too.
/// </summary>
public class RepoCheck(CliConsoles consoles, CliEnvironment environment)
{
    /// <summary>Validates a freshly written repo and prints what it found on standard error; 1 when an error remains.</summary>
    public virtual async Task<int> RunAsync(string repoPath, CancellationToken cancellationToken)
    {
        ValidationReport report;
        try
        {
            report = await ValidateAsync(repoPath, Options(), cancellationToken);
        }
        catch (InvalidRepoException e)
        {
            consoles.Problem(e.Message);
            return ExitCodes.BadInput;
        }
        consoles.Error.MarkupLine("[grey]Validating the new repo (skip with --no-validate):[/]");
        Print(report, consoles.Error, Path.GetFileName(repoPath.TrimEnd(Path.DirectorySeparatorChar)));
        return report.HasErrors ? ExitCodes.Problems : ExitCodes.Success;
    }

    public ValidationOptions Options(string? helmPath = null, bool warningsAsErrors = false, IReadOnlyCollection<string>? knownTemplates = null) => new()
    {
        HelmPath = helmPath is null ? null : environment.ResolvePath(helmPath),
        SearchPath = environment.Variables.TryGetValue("PATH", out var path) ? path : null,
        WarningsAsErrors = warningsAsErrors,
        KnownTemplates = knownTemplates,
    };

    /// <summary>Runs the validator, with a spinner on a terminal (helm takes seconds) and quietly in CI.</summary>
    public async Task<ValidationReport> ValidateAsync(string repoPath, ValidationOptions options, CancellationToken cancellationToken)
    {
        var validator = new RepoValidator();
        try
        {
            if (!environment.IsTerminal || environment.IsCi) return await validator.ValidateAsync(repoPath, options, cancellationToken);
            return await consoles.Error.Status().StartAsync("Validating (rendering the chart with helm)...",
                _ => validator.ValidateAsync(repoPath, options, cancellationToken));
        }
        catch (ToolNotFoundException e)
        {
            throw new UsageException(e.Executable == options.HelmPath
                ? $"--helm: {e.Message}; give the path of an executable helm binary"
                : $"{e.Message}; install it again, or give another with --helm (helm) or on PATH");
        }
    }

    /// <summary>The report grouped by file; colours where the console supports them, plain text otherwise.</summary>
    public static void Print(ValidationReport report, IAnsiConsole console, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(console);
        foreach (var line in TextReport.Lines(report, displayPath))
            console.MarkupLine(string.Concat(line.Select(span => Colour(span))));
    }

    private static string Colour(TextSpan span)
    {
        var text = Markup.Escape(span.Text);
        return span.Style switch
        {
            TextStyle.File => $"[bold underline]{text}[/]",
            TextStyle.Position => $"[grey]{text}[/]",
            TextStyle.Error => $"[red]{text}[/]",
            TextStyle.Warning => $"[yellow]{text}[/]",
            TextStyle.Note => $"[blue]{text}[/]",
            TextStyle.Code => $"[aqua]{text}[/]",
            TextStyle.Dim => $"[grey]{text}[/]",
            TextStyle.Success => $"[green]{text}[/]",
            _ => text,
        };
    }
}
