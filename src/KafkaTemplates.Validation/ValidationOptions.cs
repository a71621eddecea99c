namespace KafkaTemplates.Validation;

/// <summary>How a validation runs: which external tools it may start, and how strict it is.</summary>
public sealed record ValidationOptions
{
    /// <summary>The helm executable. Null: look for <c>helm</c> on <see cref="SearchPath"/>.</summary>
    public string? HelmPath { get; init; }

    /// <summary>The promtool executable. Null: look for <c>promtool</c> on <see cref="SearchPath"/>.</summary>
    public string? PromtoolPath { get; init; }

    /// <summary>
    /// The PATH-style folder list searched for helm and promtool when no path is given. Null: the PATH of this process.
    /// The CLI passes the PATH of its environment, and tests pass one without helm to check the helm-less run.
    /// </summary>
    public string? SearchPath { get; init; }

    /// <summary>Report warnings as errors, so that they fail the validation too.</summary>
    public bool WarningsAsErrors { get; init; }

    /// <summary>
    /// Template ids a repo's answers file may name. Null: the templates shipped with the tool. A template found at the
    /// folder the answers file records as its source is known too.
    /// </summary>
    public IReadOnlyCollection<string>? KnownTemplates { get; init; }

    /// <summary>How long one helm or promtool call may take before it is stopped and reported.</summary>
    public TimeSpan ToolTimeout { get; init; } = TimeSpan.FromMinutes(2);
}
