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
}
