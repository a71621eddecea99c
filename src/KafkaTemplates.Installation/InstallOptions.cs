using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation;

/// <summary>Everything one install needs to know; the CLI fills it from its flags and the repo's answers file.</summary>
public sealed record InstallOptions
{
    /// <summary>The deployment repo's root folder (it holds helm/Chart.yaml).</summary>
    public required string RepoPath { get; init; }

    public required string Namespace { get; init; }

    /// <summary>The release name: object names and the inventory derive from it.</summary>
    public required string Release { get; init; }

    /// <summary>Extra values files, in order; later ones win, as with helm -f.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    public DryRunMode DryRun { get; init; } = DryRunMode.None;

    public InstallMode Mode { get; init; } = InstallMode.Apply;

    /// <summary>Wait until every StatefulSet is ready and updated.</summary>
    public bool Wait { get; init; }

    /// <summary>How long --wait waits for the rollout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Create the namespace when it does not exist.</summary>
    public bool CreateNamespace { get; init; }

    public ConnectionOptions Connection { get; init; } = new();

    /// <summary>--helm; null means helm from PATH.</summary>
    public string? HelmPath { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
