using Octokit;
using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// Upgrade pull requests on GitHub through Octokit: read the repository, find the open pull request of a branch
/// (<c>GET /repos/{o}/{r}/pulls?state=open&amp;head=o:branch</c>), open one (<c>POST .../pulls</c>, a draft when it
/// needs a person) or refresh it (<c>PATCH .../pulls/{n}</c>), and label it (<c>.../issues/{n}/labels</c>).
/// GitHub's REST API cannot turn a pull request back into a draft, so on a refresh the label carries the mark.
/// </summary>
internal sealed class GitHubPullRequests(GitHubConnection github, string path, Action<string>? log) : IUpgradeRequestHost
{
    private readonly string _owner = path.Split('/')[0];
    private readonly string _name = path.Split('/')[1];

    public GitCredentials GitCredentials => github.GitCredentials;

    private string Where => $"GitHub at {github.Host.Host}";

    public async Task<HostedRepoInfo> ReadAsync(CancellationToken cancellationToken)
    {
        var repo = await CallAsync($"read the repository {path}", c => c.Repository.Get(_owner, _name), cancellationToken);
        return new HostedRepoInfo(new Uri(repo.CloneUrl), repo.DefaultBranch, repo.HtmlUrl);
    }

    public async Task<UpgradeRequestLink?> FindOpenAsync(string branch, string targetBranch, CancellationToken cancellationToken)
    {
        var open = await CallAsync($"list the open pull requests of {path}", c => c.PullRequest.GetAllForRepository(_owner, _name,
            new PullRequestRequest { State = ItemStateFilter.Open, Head = $"{_owner}:{branch}", Base = targetBranch }), cancellationToken);
        // The head filter is GitHub's; a host that ignored it must not make us refresh another branch's request.
        return open.FirstOrDefault(p => p.Head?.Ref == branch) is { } pull ? Link(pull) : null;
    }

    public async Task<UpgradeRequestLink> OpenAsync(UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        PullRequest pull;
        try
        {
            pull = await CallAsync($"open a pull request on {path}", c => c.PullRequest.Create(_owner, _name,
                new NewPullRequest(draft.Title, draft.Branch, draft.TargetBranch) { Body = draft.Description, Draft = draft.NeedsPerson }), cancellationToken);
        }
        catch (PublishException e) when (draft.NeedsPerson && e.InnerException is ApiValidationException v && NoDrafts(v))
        {
            // Private repositories on some plans have no drafts: the title and the label still mark it.
            log?.Invoke($"{path} has no draft pull requests; opening a ready one, marked by its title and label");
            pull = await CallAsync($"open a pull request on {path}", c => c.PullRequest.Create(_owner, _name,
                new NewPullRequest(draft.Title, draft.Branch, draft.TargetBranch) { Body = draft.Description }), cancellationToken);
        }
        var labels = await LabelAsync(pull.Number, [], draft.NeedsPerson, cancellationToken);
        return Link(pull) with { Labels = labels };
    }

    public async Task<UpgradeRequestLink> UpdateAsync(UpgradeRequestLink open, UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        var pull = await CallAsync($"update the pull request #{open.Number} of {path}", c => c.PullRequest.Update(_owner, _name, (int)open.Number,
            new PullRequestUpdate { Title = draft.Title, Body = draft.Description }), cancellationToken);
        var labels = await LabelAsync(pull.Number, open.Labels, draft.NeedsPerson, cancellationToken);
        return Link(pull) with { Labels = labels };
    }

    /// <summary>Adds the upgrade labels; takes "needs a person" off a request whose conflicts are gone. Others' labels stay.</summary>
    private async Task<IReadOnlyList<string>> LabelAsync(int number, IReadOnlyList<string> current, bool needsPerson, CancellationToken cancellationToken)
    {
        var labels = await CallAsync($"label the pull request #{number} of {path}",
            c => c.Issue.Labels.AddToIssue(_owner, _name, number, [.. UpgradeRequestLabels.For(needsPerson)]), cancellationToken);
        if (!needsPerson && labels.Any(l => l.Name == UpgradeRequestLabels.NeedsPerson))
            labels = await CallAsync($"take the label {UpgradeRequestLabels.NeedsPerson} off the pull request #{number} of {path}",
                c => c.Issue.Labels.RemoveFromIssue(_owner, _name, number, UpgradeRequestLabels.NeedsPerson), cancellationToken);
        return [.. labels.Select(l => l.Name)];
    }

    private static bool NoDrafts(ApiValidationException e) =>
        (e.ApiError?.Errors ?? []).Any(x => x.Message?.Contains("Draft pull requests are not supported", StringComparison.OrdinalIgnoreCase) == true);

    private static UpgradeRequestLink Link(PullRequest pull) =>
        new(pull.Number, pull.HtmlUrl, pull.Draft, [.. (pull.Labels ?? []).Select(l => l.Name)]);

    private async Task<T> CallAsync<T>(string what, Func<GitHubClient, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await github.CallAsync(what, call, log, cancellationToken);
        }
        catch (NotFoundException e)
        {
            throw new PublishException($"{Where} has no repository {path}, or the token may not see it (404 while trying to {what}); check the name and the token's access", e);
        }
        catch (ApiException e)
        {
            var details = e.ApiError?.Errors is { Count: > 0 } errors ? " (" + string.Join("; ", errors.Select(x => x.Message ?? x.Code)) + ")" : "";
            throw new PublishException($"{Where} refused to {what}: {(int)e.StatusCode} {e.Message}{details}", e);
        }
    }
}
