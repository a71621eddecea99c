using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Hosts.GitLab;

/// <summary>
/// Upgrade merge requests on GitLab through its REST API v4: the project by its URL-encoded path
/// (<c>GET /projects/:path</c>), the open merge request of a branch (<c>GET /projects/:id/merge_requests?state=opened&amp;source_branch=...</c>),
/// opening one (<c>POST /projects/:id/merge_requests</c>) or refreshing it (<c>PUT /projects/:id/merge_requests/:iid</c>).
/// A request that needs a person is a draft (GitLab reads the <c>Draft:</c> title prefix) and carries a label.
/// </summary>
internal sealed class GitLabMergeRequests(GitLabClient gitlab, string path, Action<string>? log) : IUpgradeRequestHost
{
    private const string DraftPrefix = "Draft: ";
    private long? _projectId;

    public GitCredentials GitCredentials => gitlab.GitCredentials;

    public async Task<HostedRepoInfo> ReadAsync(CancellationToken cancellationToken)
    {
        var project = await SendAsync(HttpMethod.Get, "projects/" + Uri.EscapeDataString(path), null, $"read the project {path}", cancellationToken);
        _projectId = project?["id"]?.GetValue<long>() ?? throw new PublishException($"{gitlab.Name} answered the project {path} without an id");
        var clone = project["http_url_to_repo"]?.GetValue<string>() ?? throw new PublishException($"{gitlab.Name} answered the project {path} without http_url_to_repo");
        var branch = project["default_branch"]?.GetValue<string>()
            ?? throw new PublishException($"the project {path} on {gitlab.Name} has no default branch (it is empty); there is nothing to upgrade");
        return new HostedRepoInfo(new Uri(clone), branch, project["web_url"]?.GetValue<string>() ?? clone);
    }

    public async Task<UpgradeRequestLink?> FindOpenAsync(string branch, string targetBranch, CancellationToken cancellationToken)
    {
        var list = await SendAsync(HttpMethod.Get,
            $"{Requests}?state=opened&source_branch={Uri.EscapeDataString(branch)}&target_branch={Uri.EscapeDataString(targetBranch)}",
            null, $"list the open merge requests of {path}", cancellationToken);
        return (list as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(m => m["source_branch"]?.GetValue<string>() == branch) is { } open ? Link(open) : null;
    }

    public async Task<UpgradeRequestLink> OpenAsync(UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        var created = await SendAsync(HttpMethod.Post, Requests, new JsonObject
        {
            ["source_branch"] = draft.Branch,
            ["target_branch"] = draft.TargetBranch,
            ["title"] = Title(draft),
            ["description"] = draft.Description,
            ["labels"] = string.Join(',', UpgradeRequestLabels.For(draft.NeedsPerson)),
            ["remove_source_branch"] = true,
        }, $"open a merge request on {path}", cancellationToken);
        return Link(created as JsonObject ?? throw new PublishException($"{gitlab.Name} answered the new merge request of {path} without its fields"));
    }

    public async Task<UpgradeRequestLink> UpdateAsync(UpgradeRequestLink open, UpgradeRequestDraft draft, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["title"] = Title(draft),
            ["description"] = draft.Description,
            ["add_labels"] = string.Join(',', UpgradeRequestLabels.For(draft.NeedsPerson)),
        };
        // Others' labels stay; only the mark of conflicts that are gone is taken off.
        if (!draft.NeedsPerson) body["remove_labels"] = UpgradeRequestLabels.NeedsPerson;
        var updated = await SendAsync(HttpMethod.Put, $"{Requests}/{open.Number}", body, $"update the merge request !{open.Number} of {path}", cancellationToken);
        return Link(updated as JsonObject ?? throw new PublishException($"{gitlab.Name} answered the merge request !{open.Number} of {path} without its fields"));
    }

    private string Requests => $"projects/{_projectId ?? throw new InvalidOperationException("read the project first")}/merge_requests";

    private static string Title(UpgradeRequestDraft draft) => draft.NeedsPerson ? DraftPrefix + draft.Title : draft.Title;

    private static UpgradeRequestLink Link(JsonObject request) => new(
        request["iid"]?.GetValue<long>() ?? 0,
        request["web_url"]?.GetValue<string>() ?? "",
        request["draft"]?.GetValue<bool>() ?? request["title"]?.GetValue<string>()?.StartsWith(DraftPrefix, StringComparison.Ordinal) == true,
        [.. (request["labels"] as JsonArray ?? []).Select(l => l?.ToString() ?? "")]);

    private async Task<JsonNode?> SendAsync(HttpMethod method, string route, JsonObject? body, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await gitlab.SendAsync(method, route, body, what, log, cancellationToken);
        }
        catch (GitLabAnswer a) when (a.Status == 404)
        {
            throw new PublishException($"{gitlab.Name} has no project {path}, or the token may not see it (404 {a.Text} while trying to {what}); check the path and the token's access", a);
        }
        catch (GitLabAnswer a)
        {
            throw new PublishException($"{gitlab.Name} refused to {what}: {a.Status} {a.Text}", a);
        }
    }
}
