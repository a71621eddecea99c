using KafkaTemplates.Publishing.Hosts.GitHub;
using KafkaTemplates.Publishing.Hosts.GitLab;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Hosts.UpgradeRequests;

/// <summary>What a repository is on its host: where git clones it, its default branch, and its page.</summary>
public sealed record HostedRepoInfo(Uri CloneUrl, string DefaultBranch, string WebUrl);

/// <summary>
/// The upgrade request to open or refresh: a pull request (GitHub) or merge request (GitLab) from
/// <see cref="Branch"/> into <see cref="TargetBranch"/>. <see cref="NeedsPerson"/> marks one whose branch holds
/// conflict markers, as each host allows: a draft and a label.
/// </summary>
public sealed record UpgradeRequestDraft(string Branch, string TargetBranch, string Title, string Description, bool NeedsPerson);

/// <summary>An upgrade request on its host: its number (GitHub) or iid (GitLab), its page, and how it is marked.</summary>
public sealed record UpgradeRequestLink(long Number, string Url, bool Draft, IReadOnlyList<string> Labels);

/// <summary>
/// The calls a fleet upgrade makes on one repository's host, one implementation per host beside its other calls
/// (<see cref="GitHubPullRequests"/> through GitHub's REST API, <see cref="GitLabMergeRequests"/> through GitLab's REST API v4).
/// Failures are <see cref="PublishException"/>s that name the host and what to do: down after its retries, a token
/// without the scope (named), a repository that is not there.
/// </summary>
public interface IUpgradeRequestHost
{
    /// <summary>The token as git sends it to this host.</summary>
    GitCredentials GitCredentials { get; }

    Task<HostedRepoInfo> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The open request from <paramref name="branch"/> into <paramref name="targetBranch"/>, if there is one.</summary>
    Task<UpgradeRequestLink?> FindOpenAsync(string branch, string targetBranch, CancellationToken cancellationToken);

    Task<UpgradeRequestLink> OpenAsync(UpgradeRequestDraft draft, CancellationToken cancellationToken);

    /// <summary>Refreshes an open request's title, description and marks.</summary>
    Task<UpgradeRequestLink> UpdateAsync(UpgradeRequestLink open, UpgradeRequestDraft draft, CancellationToken cancellationToken);
}

/// <summary>The labels every upgrade request carries, and the one that says it needs a person.</summary>
internal static class UpgradeRequestLabels
{
    public const string Upgrade = "kafka-templates";
    public const string NeedsPerson = "needs-a-person";

    public static IReadOnlyList<string> For(bool needsPerson) => needsPerson ? [Upgrade, NeedsPerson] : [Upgrade];
}

public static class UpgradeRequestHosts
{
    /// <summary>The host's calls for one repository; <paramref name="log"/> hears about retries.</summary>
    public static IUpgradeRequestHost For(HostedRepo repo, RetryPolicy retry, Action<string>? log) => repo.Integration.Kind switch
    {
        HostKind.GitHub => new GitHubPullRequests(new GitHubConnection(repo.Integration, retry), repo.Path, log),
        HostKind.GitLab => new GitLabMergeRequests(new GitLabClient(repo.Integration, retry), repo.Path, log),
        _ => throw new PublishException($"{repo.Display}: upgrade requests need GitHub or GitLab, not a plain git host"),
    };
}
