namespace KafkaTemplates.UseCases.Upgrade.PullRequests;

/// <summary>The repos of a fleet to carry to a template version through upgrade requests, and how.</summary>
public sealed record UpgradePullRequestsRequest
{
    /// <summary>Repos the host runs repos at once when none is said: cloning is network-bound, merging CPU-bound.</summary>
    public const int DefaultParallel = 4;

    /// <summary>The most repos a run works on at once, whichever front door asks: each holds a clone and a process.</summary>
    public const int MaxParallel = 64;

    /// <summary>Repo URLs (<c>https://host/owner/name</c>) or Backstage repoUrls (<c>host?owner=o&amp;repo=r</c>), on configured hosts.</summary>
    public required IReadOnlyList<string> Repos { get; init; }

    /// <summary>A version or git+URL@tag. Null: the newest version of each repo's recorded source.</summary>
    public string? To { get; init; }

    /// <summary>Answers to change, or to give new parameters, in every repo.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];

    /// <summary>Repos worked on at once (1 to <see cref="MaxParallel"/>); also the most clones on disk at once.</summary>
    public int Parallel { get; init; } = DefaultParallel;

    /// <summary>Where the clones go (a folder of the run's own is made inside it). Null: the system's temp folder.</summary>
    public string? WorkRoot { get; init; }
}

/// <summary>What happened to one repo of a fleet.</summary>
public enum UpgradeRequestOutcome
{
    /// <summary>Already at the target version: no branch, no request.</summary>
    UpToDate,

    /// <summary>A new request was opened.</summary>
    Opened,

    /// <summary>The open request for the same version was refreshed: branch force-updated, description rewritten.</summary>
    Updated,

    /// <summary>The open request's branch holds a person's commits: they were kept, and only the description was refreshed.</summary>
    KeptPersonsCommits,

    /// <summary>Nothing could be done for this repo; <see cref="UpgradeRequestResult.Error"/> says why.</summary>
    Failed,
}

/// <summary>One repo's row: its outcome, versions, the request and its branch, the conflicts left for a person.</summary>
public sealed record UpgradeRequestResult(string Repo, UpgradeRequestOutcome Outcome)
{
    public string? Template { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Branch { get; init; }
    public string? Commit { get; init; }
    public string? RequestUrl { get; init; }
    public long? RequestNumber { get; init; }
    public int CleanFiles { get; init; }
    public IReadOnlyList<string> Conflicts { get; init; } = [];
    public string? Error { get; init; }

    public bool NeedsPerson => Conflicts.Count > 0;
}

/// <summary>Hears about a fleet run as it goes; called from several repos at once.</summary>
public interface IUpgradePullRequestsObserver
{
    /// <summary>A line about one repo (a retry, a step).</summary>
    void Log(string repo, string message) { }

    /// <summary>The repo's clone is on disk at <paramref name="folder"/>.</summary>
    void Cloned(string repo, string folder) { }

    /// <summary>The repo is done, one way or another; its clone is gone.</summary>
    void Finished(UpgradeRequestResult result) { }
}
