using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// Upgrade pull requests on GitHub's REST API: read the repository, find the open pull request of a branch
/// (<c>GET /repos/{o}/{r}/pulls?state=open&amp;head=o:branch</c>, every page), open one (<c>POST .../pulls</c>, a draft
/// when it needs a person) or refresh it (<c>PATCH .../pulls/{n}</c>), and label it (<c>.../issues/{n}/labels</c>).
/// GitHub's REST API cannot turn a pull request back into a draft, so on a refresh the label carries the mark.
/// </summary>
internal sealed class GitHubPullRequests(GitHubConnection github, string path, Action<string>? log) : IUpgradeRequestHost
{
    private readonly string _owner = path.Split('/')[0];
    private readonly string _repoPath = "repos/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    public GitCredentials GitCredentials => github.GitCredentials;

    public async Task<HostedRepoInfo> ReadAsync(CancellationToken cancellationToken)
    {
        var what = $"read the repository {path}";
        var repo = await CallAsync(what, () => github.SendAsync(HttpMethod.Get, _repoPath, null, what, log, cancellationToken));
        return new HostedRepoInfo(new Uri(github.Field(repo, "clone_url", what)), github.Field(repo, "default_branch", what), github.Field(repo, "html_url", what));
    }

    public async Task<UpgradeRequestLink?> FindOpenAsync(string branch, string targetBranch, CancellationToken cancellationToken)
    {
        var what = $"list the open pull requests of {path}";
        var open = await CallAsync(what, () => github.ListAsync(
            $"{_repoPath}/pulls?state=open&head={Uri.EscapeDataString($"{_owner}:{branch}")}&base={Uri.EscapeDataString(targetBranch)}", what, log, cancellationToken));
        // The head filter is GitHub's; a host that ignored it must not make us refresh another branch's request.
        return open.FirstOrDefault(p => p["head"]?["ref"]?.GetValue<string>() == branch) is { } pull ? Link(pull, what) : null;
    }

    public async Task<UpgradeRequestLink> OpenAsync(UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        var what = $"open a pull request on {path}";
        var body = new JsonObject { ["title"] = draft.Title, ["head"] = draft.Branch, ["base"] = draft.TargetBranch, ["body"] = draft.Description, ["draft"] = draft.NeedsPerson };
        JsonNode? pull;
        try
        {
            pull = await github.SendAsync(HttpMethod.Post, _repoPath + "/pulls", body, what, log, cancellationToken);
        }
        catch (GitHubAnswer a) when (draft.NeedsPerson && a.Status == 422 && a.Errors.Any(e => e.Contains("Draft pull requests are not supported", StringComparison.OrdinalIgnoreCase)))
        {
            // Private repositories on some plans have no drafts: the title and the label still mark it.
            log?.Invoke($"{path} has no draft pull requests; opening a ready one, marked by its title and label");
            body.Remove("draft");
            pull = await CallAsync(what, () => github.SendAsync(HttpMethod.Post, _repoPath + "/pulls", body, what, log, cancellationToken));
        }
        catch (GitHubAnswer a)
        {
            throw Refused(what, a);
        }
        var link = Link(pull, what);
        return link with { Labels = await LabelAsync(link.Number, draft.NeedsPerson, cancellationToken) };
    }

    public async Task<UpgradeRequestLink> UpdateAsync(UpgradeRequestLink open, UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        var what = $"update the pull request #{open.Number} of {path}";
        var pull = await CallAsync(what, () => github.SendAsync(HttpMethod.Patch, $"{_repoPath}/pulls/{open.Number}",
            new JsonObject { ["title"] = draft.Title, ["body"] = draft.Description }, what, log, cancellationToken));
        var link = Link(pull, what);
        return link with { Labels = await LabelAsync(link.Number, draft.NeedsPerson, cancellationToken) };
    }

    /// <summary>Adds the upgrade labels; takes "needs a person" off a request whose conflicts are gone. Others' labels stay.</summary>
    private async Task<IReadOnlyList<string>> LabelAsync(long number, bool needsPerson, CancellationToken cancellationToken)
    {
        var what = $"label the pull request #{number} of {path}";
        var labels = Names(await CallAsync(what, () => github.SendAsync(HttpMethod.Post, $"{_repoPath}/issues/{number}/labels",
            new JsonObject { ["labels"] = new JsonArray([.. UpgradeRequestLabels.For(needsPerson).Select(l => JsonValue.Create(l))]) }, what, log, cancellationToken)), what);
        if (!needsPerson && labels.Contains(UpgradeRequestLabels.NeedsPerson))
        {
            what = $"take the label {UpgradeRequestLabels.NeedsPerson} off the pull request #{number} of {path}";
            labels = Names(await CallAsync(what, () => github.SendAsync(HttpMethod.Delete,
                $"{_repoPath}/issues/{number}/labels/{Uri.EscapeDataString(UpgradeRequestLabels.NeedsPerson)}", null, what, log, cancellationToken)), what);
        }
        return labels;
    }

    private UpgradeRequestLink Link(JsonNode? pull, string what) => new(
        pull?["number"] is JsonValue number && number.TryGetValue<long>(out var n) ? n : throw new PublishException($"{github.Name} answered the call to {what} without 'number'"),
        github.Field(pull, "html_url", what),
        pull["draft"] is JsonValue draft && draft.TryGetValue<bool>(out var isDraft) && isDraft,
        pull["labels"] is JsonArray labels ? Names(labels, what) : []);

    private IReadOnlyList<string> Names(JsonNode? labels, string what) =>
        labels is JsonArray list
            ? [.. list.Select(l => github.Field(l, "name", what))]
            : throw new PublishException($"{github.Name} answered the call to {what} without the list of labels");

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (GitHubAnswer a)
        {
            throw Refused(what, a);
        }
    }

    private PublishException Refused(string what, GitHubAnswer a) => a.Status == 404
        ? new PublishException($"{github.Name} has no repository {path}, or the token may not see it (404 while trying to {what}); check the name and the token's access", a)
        : new PublishException($"{github.Name} refused to {what}: {a.Status} {a.Headline}{(a.Errors is { Count: > 0 } errors ? " (" + string.Join("; ", errors) + ")" : "")}", a);
}
