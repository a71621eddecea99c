using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation;

/// <summary>The outcome of validating one repo: its diagnostics in reading order, and the checks that did not run.</summary>
public sealed record ValidationReport(string RepoDirectory, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<SkippedCheck> Skipped)
{
    public int ErrorCount => Diagnostics.Count(d => d.Severity == Severity.Error);

    public int WarningCount => Diagnostics.Count(d => d.Severity == Severity.Warning);

    public int NoteCount => Diagnostics.Count(d => d.Severity == Severity.Note);

    /// <summary>True when an error remains: the repo is not deployable as it is.</summary>
    public bool HasErrors => ErrorCount > 0;

    /// <summary>Time spent in the checks that read files only.</summary>
    public TimeSpan StaticDuration { get; init; }

    /// <summary>Time spent running helm and promtool and checking what they rendered.</summary>
    public TimeSpan RenderingDuration { get; init; }

    /// <summary>
    /// The report with the settings its messages ask for (<see cref="Engine.Text.Setting"/>, such as a release) named
    /// by <paramref name="render"/>, in the words of the front door that shows it (the CLI's flags, the portal's words).
    /// </summary>
    public ValidationReport InWords(Func<string, string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return this with
        {
            Diagnostics = [.. Diagnostics.Select(d => d with { Message = render(d.Message), Help = render(d.Help) })],
            Skipped = [.. Skipped.Select(s => s with { Reason = render(s.Reason) })],
        };
    }
}
