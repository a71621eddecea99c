using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Installation;
using KafkaTemplates.Validation;

namespace KafkaTemplates.UseCases.Create;

/// <summary>What creating a repo did, step by step; a step that did not run is null.</summary>
public sealed record CreateRepoResult
{
    /// <summary>The rendered files, the answers record, the template's output and its steps.</summary>
    public required ScaffoldResult Rendered { get; init; }

    /// <summary>The folder written, or null for a dry run.</summary>
    public string? Written { get; init; }

    public ValidationReport? Validation { get; init; }

    /// <summary>Why validation could not run at all (the files are not a deployment repo, or hold unreadable YAML).</summary>
    public InvalidRepoException? ValidationFailure { get; init; }

    /// <summary>True when the template's install answer asked for an install (whether or not it ran).</summary>
    public bool InstallAsked { get; init; }

    public InstallResult? Install { get; init; }

    /// <summary>Why the install could not start or finish: bad input, or a cluster that cannot be reached. The repo stays created.</summary>
    public Exception? InstallFailure { get; init; }
}
