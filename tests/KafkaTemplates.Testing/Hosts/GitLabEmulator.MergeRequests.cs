using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// GitLab's merge requests, in their documented shapes, for upgrade requests across a fleet:
/// <c>GET /projects/:id/merge_requests</c> (filtered by <c>state</c>, <c>source_branch</c> and <c>target_branch</c>, paged
/// by <c>per_page</c>/<c>page</c> with <c>X-Total</c>, <c>X-Next-Page</c> and <c>Link</c>), <c>POST</c> (409 when an open
/// merge request already has the source branch, 400 when the branch does not exist) and
/// <c>PUT /projects/:id/merge_requests/:iid</c> (<c>title</c>, <c>description</c>, <c>labels</c>, <c>add_labels</c>,
/// <c>remove_labels</c>, <c>state_event</c>). <c>draft</c> follows the <c>Draft:</c> title prefix. Tests seed projects
/// from a local folder and read the merge requests back.
/// </summary>
public sealed partial class GitLabEmulator
{
    private readonly Dictionary<long, List<JsonObject>> _mergeRequests = [];

    /// <summary>A project with history in an existing namespace: a bare clone of <paramref name="source"/> (a git repo).</summary>
    public async Task SeedProjectAsync(string pathWithNamespace, string source)
    {
        var space = Namespace(pathWithNamespace[..pathWithNamespace.LastIndexOf('/')]) ?? throw new InvalidOperationException($"add the namespace of {pathWithNamespace} first");
        var path = pathWithNamespace[(pathWithNamespace.LastIndexOf('/') + 1)..];
        var bare = Path.Combine(Git.ProjectRoot, pathWithNamespace + ".git");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        var result = await ProcessRunner.RunAsync("git", ["clone", "--quiet", "--bare", source, bare], Git.ProjectRoot);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git clone --bare {source} failed\n{result}");
        var id = Interlocked.Increment(ref _nextId);
        var project = new JsonObject
        {
            ["id"] = id,
            ["name"] = path,
            ["path"] = path,
            ["path_with_namespace"] = pathWithNamespace,
            ["default_branch"] = "main",
            ["http_url_to_repo"] = new Uri(Address, pathWithNamespace + ".git").AbsoluteUri,
            ["web_url"] = new Uri(Address, pathWithNamespace).AbsoluteUri,
            ["visibility"] = "private",
            ["namespace"] = new JsonObject { ["id"] = space["id"]!.DeepClone(), ["full_path"] = space["full_path"]!.DeepClone(), ["kind"] = space["kind"]!.DeepClone() },
            ["empty_repo"] = false,
        };
        lock (_projects) _projects[id] = project;
    }

    /// <summary>Every merge request of a project, as the API returns them, in the order they were opened.</summary>
    public IReadOnlyList<JsonObject> MergeRequests(string pathWithNamespace)
    {
        var id = Project(pathWithNamespace)?["id"]?.GetValue<long>() ?? -1;
        lock (_mergeRequests) return [.. (_mergeRequests.GetValueOrDefault(id) ?? []).Select(m => m.DeepClone().AsObject())];
    }

    private async Task<bool> HandleUpgradeRequestsAsync(HttpContext context, string method, string[] parts, JsonObject body)
    {
        switch (method, parts)
        {
            case ("GET", ["projects", var id, "merge_requests"]):
                if (FindProject(id) is not { } listed) break;
                await ListMergeRequestsAsync(context, listed);
                return true;
            case ("POST", ["projects", var id, "merge_requests"]):
                if (FindProject(id) is not { } target) break;
                await CreateMergeRequestAsync(context, target, body);
                return true;
            case ("PUT", ["projects", var id, "merge_requests", var iid]):
                if (FindProject(id) is not { } changed) break;
                JsonObject? updated = null;
                lock (_mergeRequests)
                {
                    var request = (_mergeRequests.GetValueOrDefault(changed["id"]!.GetValue<long>()) ?? []).FirstOrDefault(m => m["iid"]!.ToString() == iid);
                    if (request is not null)
                    {
                        Update(request, body);
                        updated = request.DeepClone().AsObject();
                    }
                }
                if (updated is null) await Message(context, 404, "404 Not found");
                else await JsonAnswers.WriteAsync(context, 200, updated);
                return true;
            default:
                return false;
        }
        await Message(context, 404, "404 Project Not Found");
        return true;
    }

    private async Task ListMergeRequestsAsync(HttpContext context, JsonObject project)
    {
        var query = context.Request.Query;
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "all";
        var source = query["source_branch"].ToString();
        var target = query["target_branch"].ToString();
        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? Math.Clamp(pp, 1, 100) : 20;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var pg) && pg > 0 ? pg : 1;
        var matching = MergeRequests(project["path_with_namespace"]!.GetValue<string>())
            .Where(m => state == "all" || m["state"]!.GetValue<string>() == state)
            .Where(m => source.Length == 0 || m["source_branch"]!.GetValue<string>() == source)
            .Where(m => target.Length == 0 || m["target_branch"]!.GetValue<string>() == target)
            .OrderByDescending(m => m["iid"]!.GetValue<long>())
            .ToList();
        var headers = context.Response.Headers;
        headers["X-Total"] = matching.Count.ToString(CultureInfo.InvariantCulture);
        headers["X-Page"] = page.ToString(CultureInfo.InvariantCulture);
        headers["X-Per-Page"] = perPage.ToString(CultureInfo.InvariantCulture);
        var last = Math.Max(1, (matching.Count + perPage - 1) / perPage);
        headers["X-Total-Pages"] = last.ToString(CultureInfo.InvariantCulture);
        headers["X-Next-Page"] = page < last ? (page + 1).ToString(CultureInfo.InvariantCulture) : "";
        if (page < last)
            headers["Link"] = $"<{new Uri(Address, $"api/v4/projects/{project["id"]}/merge_requests")}?page={page + 1}&per_page={perPage}&state={state}>; rel=\"next\"";
        await JsonAnswers.WriteAsync(context, 200, new JsonArray([.. matching.Skip((page - 1) * perPage).Take(perPage)]));
    }

    private async Task CreateMergeRequestAsync(HttpContext context, JsonObject project, JsonObject body)
    {
        var source = body["source_branch"]?.GetValue<string>() ?? "";
        var target = body["target_branch"]?.GetValue<string>() ?? "";
        var title = body["title"]?.GetValue<string>();
        var fullPath = project["path_with_namespace"]!.GetValue<string>();
        var sha = await ProcessRunner.RunAsync("git", ["rev-parse", "--verify", "--quiet", "refs/heads/" + source], Path.Combine(Git.ProjectRoot, fullPath + ".git"));
        if (title is null || sha.ExitCode != 0)
        {
            await JsonAnswers.WriteAsync(context, 400, new JsonObject
            {
                ["message"] = title is null ? "title is missing" : $"Invalid source branch: \"{source}\" does not exist",
            });
            return;
        }
        JsonObject created;
        lock (_mergeRequests)
        {
            var projectId = project["id"]!.GetValue<long>();
            if (!_mergeRequests.TryGetValue(projectId, out var list)) _mergeRequests[projectId] = list = [];
            if (list.FirstOrDefault(m => m["state"]!.GetValue<string>() == "opened" && m["source_branch"]!.GetValue<string>() == source && m["target_branch"]!.GetValue<string>() == target) is { } open)
            {
                created = new JsonObject { ["message"] = new JsonArray($"Another open merge request already exists for this source branch: !{open["iid"]}") };
            }
            else
            {
                var iid = list.Count + 1L;
                created = new JsonObject
                {
                    ["id"] = projectId * 1000 + iid,
                    ["iid"] = iid,
                    ["project_id"] = projectId,
                    ["title"] = title,
                    ["description"] = body["description"]?.DeepClone(),
                    ["state"] = "opened",
                    ["source_branch"] = source,
                    ["target_branch"] = target,
                    ["labels"] = new JsonArray([.. Labels(body["labels"]).Select(l => (JsonNode?)l)]),
                    ["force_remove_source_branch"] = body["remove_source_branch"]?.DeepClone() ?? false,
                    ["sha"] = sha.StandardOutput.Trim(),
                    ["author"] = new JsonObject { ["id"] = 1, ["username"] = UserName },
                    ["web_url"] = new Uri(Address, $"{fullPath}/-/merge_requests/{iid}").AbsoluteUri,
                    ["created_at"] = Now(),
                    ["updated_at"] = Now(),
                };
                Draft(created);
                list.Add(created);
                created = created.DeepClone().AsObject();
            }
        }
        await JsonAnswers.WriteAsync(context, created.ContainsKey("iid") ? 201 : 409, created);
    }

    private static void Update(JsonObject request, JsonObject body)
    {
        if (body["title"] is { } title) request["title"] = title.DeepClone();
        if (body["description"] is { } description) request["description"] = description.DeepClone();
        var labels = body.ContainsKey("labels") ? Labels(body["labels"]) : [.. (request["labels"] as JsonArray ?? []).Select(l => l!.GetValue<string>())];
        labels.AddRange(Labels(body["add_labels"]).Where(l => !labels.Contains(l)));
        labels.RemoveAll(Labels(body["remove_labels"]).Contains);
        request["labels"] = new JsonArray([.. labels.Select(l => (JsonNode?)l)]);
        if (body["state_event"]?.GetValue<string>() is { } stateEvent) request["state"] = stateEvent == "close" ? "closed" : "opened";
        request["updated_at"] = Now();
        Draft(request);
    }

    /// <summary>GitLab's labels parameter: a comma-separated string or an array.</summary>
    private static List<string> Labels(JsonNode? value) => value switch
    {
        JsonArray array => [.. array.Select(l => l!.GetValue<string>())],
        JsonValue text => [.. text.GetValue<string>().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        _ => [],
    };

    private static void Draft(JsonObject request)
    {
        var draft = request["title"]!.GetValue<string>().StartsWith("Draft:", StringComparison.OrdinalIgnoreCase);
        request["draft"] = draft;
        request["work_in_progress"] = draft;
    }

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
