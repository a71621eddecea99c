using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation;

/// <summary>Everything one install needs to know; a front door fills it from its input.</summary>
public sealed record InstallOptions
{
    /// <summary>The deployment repo's root folder (it holds helm/Chart.yaml).</summary>
    public required string RepoPath { get; init; }

    /// <summary>The namespace to install into. Null: as <see cref="Engine.Answers.ReleaseIdentity"/> derives it from the repo.</summary>
    public string? Namespace { get; init; }

    /// <summary>The release name, from which object names and the inventory derive. Null: as <see cref="Engine.Answers.ReleaseIdentity"/> derives it.</summary>
    public string? Release { get; init; }

    /// <summary>Extra values files, in order; later ones win, as with helm -f.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    public DryRunMode DryRun { get; init; } = DryRunMode.None;

    public InstallMode Mode { get; init; } = InstallMode.Apply;

    /// <summary>Wait until every StatefulSet is ready and updated.</summary>
    public bool Wait { get; init; }

    /// <summary>How long <see cref="Wait"/> waits for the rollout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Create the namespace when it does not exist.</summary>
    public bool CreateNamespace { get; init; }

    public ConnectionOptions Connection { get; init; } = new();

    /// <summary>The helm executable; null means helm from the PATH of <see cref="ConnectionOptions.Variables"/>.</summary>
    public string? HelmPath { get; init; }

    public RetryPolicy Retry { get; init; } = RetryPolicy.Default;
}
