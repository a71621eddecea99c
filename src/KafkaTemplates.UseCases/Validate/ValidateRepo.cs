using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Validation;

namespace KafkaTemplates.UseCases.Validate;

/// <summary>How much of the validation runs.</summary>
public enum ValidationDepth
{
    /// <summary>The checks that read files: milliseconds, no child processes. What dry runs show.</summary>
    Files,

    /// <summary>Every check: the file checks, then helm (lint, template with every switch on) and promtool, when found.</summary>
    Full,
}

/// <summary>What to validate and how.</summary>
public sealed record ValidateRequest
{
    /// <summary>The repo's files, in a folder or rendered in memory.</summary>
    public required RepoFiles Files { get; init; }

    public ValidationDepth Depth { get; init; } = ValidationDepth.Full;

    /// <summary>The helm executable; null: helm on the context's tool path.</summary>
    public string? HelmPath { get; init; }

    public bool WarningsAsErrors { get; init; }

    /// <summary>Template ids the answers file may name; null: the shipped templates.</summary>
    public IReadOnlyCollection<string>? KnownTemplates { get; init; }
}

/// <summary>
/// Validate a deployment repo, wherever its files are: a folder on disk, or a file set just rendered (a dry run, a
/// portal preview). Only helm and promtool, which read files, get a temporary folder, and only for files in memory.
/// </summary>
public sealed class ValidateRepo(UseCaseContext context)
{
    /// <summary>A written repo's files, for <see cref="ValidateRequest.Files"/>.</summary>
    /// <exception cref="InvalidRepoException">The folder does not exist.</exception>
    public static RepoFiles InFolder(string folder) => RepoValidator.FilesIn(folder);

    /// <summary>The validator knows Kafka deployment repos; another template's output has nothing for it to judge.</summary>
    public static bool Applies(FileSet files) => files.Contains("helm/Chart.yaml");

    /// <exception cref="InvalidRepoException">The files cannot be validated at all (not a deployment repo, unreadable YAML, a tool path that does not exist).</exception>
    public Task<ValidationReport> RunAsync(ValidateRequest request, CancellationToken cancellationToken)
    {
        var options = new ValidationOptions
        {
            HelmPath = request.HelmPath,
            SearchPath = context.ToolSearchPath,
            WarningsAsErrors = request.WarningsAsErrors,
            KnownTemplates = request.KnownTemplates,
        };
        var validator = new RepoValidator();
        return request.Depth == ValidationDepth.Files
            ? Task.FromResult(validator.ValidateFiles(request.Files, options))
            : validator.ValidateAsync(request.Files, options, cancellationToken);
    }
}
