using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// GitHub's pull requests and issue labels, in their documented shapes, for upgrade requests across a fleet:
/// <c>GET /repos/{o}/{r}/pulls</c> (filtered by <c>state</c>, <c>head</c> as <c>owner:branch</c> and <c>base</c>, paged by
/// <c>per_page</c>/<c>page</c> with a <c>Link</c> header), <c>POST</c> (422 when the head branch does not exist or an open
/// pull request already has it), <c>PATCH .../pulls/{n}</c>, and <c>POST</c>/<c>DELETE .../issues/{n}/labels</c>. Writing
/// needs the <c>repo</c> scope (403 with <c>X-Accepted-OAuth-Scopes</c> otherwise). Tests seed repositories from a
/// local folder and read the pull requests back.
/// </summary>
public sealed partial class GitHubEmulator
{
    private readonly Dictionary<string, List<JsonObject>> _pulls = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A repository with history: a bare clone of <paramref name="source"/> (a git repo), known to the API.</summary>
    public async Task SeedRepoAsync(string owner, string name, string source)
    {
        var bare = Path.Combine(Git.ProjectRoot, owner, name + ".git");
        Directory.CreateDirectory(Path.GetDirectoryName(bare)!);
        var result = await ProcessRunner.RunAsync("git", ["clone", "--quiet", "--bare", source, bare], Git.ProjectRoot);
        if (result.ExitCode != 0) throw new InvalidOperationException($"git clone --bare {source} failed\n{result}");
        string ownerType;
        lock (_accounts) ownerType = _accounts.GetValueOrDefault(owner) ?? "User";
        var repo = new JsonObject
        {
            ["id"] = Math.Abs($"{owner}/{name}".GetHashCode(StringComparison.Ordinal)),
            ["name"] = name,
            ["full_name"] = $"{owner}/{name}",
            ["owner"] = Account(owner, ownerType),
            ["private"] = true,
            ["visibility"] = "private",
            ["html_url"] = new Uri(Address, $"{owner}/{name}").AbsoluteUri,
            ["url"] = new Uri(Address, $"api/v3/repos/{owner}/{name}").AbsoluteUri,
            ["clone_url"] = new Uri(Address, $"{owner}/{name}.git").AbsoluteUri,
            ["default_branch"] = "main",
            ["topics"] = new JsonArray(),
        };
        lock (_repos) _repos[$"{owner}/{name}"] = repo;
    }

    /// <summary>Repositories (owner/name) whose plan has no draft pull requests: creating one is GitHub's 422.</summary>
    public ISet<string> WithoutDrafts { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every pull request of a repository, as the API returns them, in the order they were opened.</summary>
    public IReadOnlyList<JsonObject> PullRequests(string owner, string name)
    {
        lock (_pulls) return [.. (_pulls.GetValueOrDefault($"{owner}/{name}") ?? []).Select(p => p.DeepClone().AsObject())];
    }

    private async Task<bool> HandleUpgradeRequestsAsync(HttpContext context, string method, string[] parts, string[] scopes)
    {
        switch (method, parts)
        {
            case ("GET", ["repos", var owner, var name, "pulls"]):
                if (!await RepoWithScopeAsync(context, owner, name, scopes)) return true;
                await ListPullsAsync(context, owner, name);
                return true;
            case ("POST", ["repos", var owner, var name, "pulls"]):
                if (!await RepoWithScopeAsync(context, owner, name, scopes)) return true;
                await CreatePullAsync(context, owner, name);
                return true;
            case ("PATCH", ["repos", var owner, var name, "pulls", var number]):
                if (!await RepoWithScopeAsync(context, owner, name, scopes)) return true;
                var update = await JsonAnswers.ReadAsync(context);
                var patched = ChangePull(owner, name, number, pull =>
                {
                    foreach (var key in new[] { "title", "body", "state", "base" })
                    {
                        if (update[key] is not { } value) continue;
                        if (key == "base") pull["base"]!["ref"] = value.DeepClone();
                        else pull[key] = value.DeepClone();
                    }
                    pull["updated_at"] = Now();
                });
                if (patched is null) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, patched);
                return true;
            case ("POST", ["repos", var owner, var name, "issues", var number, "labels"]):
                if (!await RepoWithScopeAsync(context, owner, name, scopes)) return true;
                // GitHub documents both {"labels": [...]} and the list itself.
                var sent = await ReadAnyJsonAsync(context);
                var names = ((sent as JsonObject)?["labels"] as JsonArray ?? sent as JsonArray ?? []).Select(l => l?.GetValue<string>() ?? "").ToList();
                var labelled = ChangePull(owner, name, number, pull =>
                {
                    var labels = (JsonArray)pull["labels"]!;
                    foreach (var label in names.Where(n => !labels.Any(l => l!["name"]!.GetValue<string>() == n))) labels.Add(Label(label));
                });
                if (labelled is null) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, labelled["labels"]!.DeepClone());
                return true;
            case ("DELETE", ["repos", var owner, var name, "issues", var number, "labels", var label]):
                if (!await RepoWithScopeAsync(context, owner, name, scopes)) return true;
                var found = false;
                var unlabelled = ChangePull(owner, name, number, pull =>
                {
                    var labels = (JsonArray)pull["labels"]!;
                    if (labels.FirstOrDefault(l => l!["name"]!.GetValue<string>() == Uri.UnescapeDataString(label)) is { } present)
                    {
                        labels.Remove(present);
                        found = true;
                    }
                });
                if (unlabelled is null || !found) await Error(context, 404, "Label does not exist");
                else await JsonAnswers.WriteAsync(context, 200, unlabelled["labels"]!.DeepClone());
                return true;
            default:
                return false;
        }
    }

    /// <summary>404 for a repository that is not there, 403 naming the scope for a token that may not write pulls.</summary>
    private async Task<bool> RepoWithScopeAsync(HttpContext context, string owner, string name, string[] scopes)
    {
        if (Repo(owner, name) is null)
        {
            await Error(context, 404, "Not Found");
            return false;
        }
        if (scopes.Contains("repo")) return true;
        context.Response.Headers["X-Accepted-OAuth-Scopes"] = "repo";
        await Error(context, 403, "Resource not accessible by personal access token");
        return false;
    }

    private async Task ListPullsAsync(HttpContext context, string owner, string name)
    {
        var query = context.Request.Query;
        var state = query["state"].ToString() is { Length: > 0 } s ? s : "open";
        var head = query["head"].ToString();
        var @base = query["base"].ToString();
        var perPage = int.TryParse(query["per_page"], CultureInfo.InvariantCulture, out var pp) ? Math.Clamp(pp, 1, 100) : 30;
        var page = int.TryParse(query["page"], CultureInfo.InvariantCulture, out var pg) && pg > 0 ? pg : 1;
        var matching = PullRequests(owner, name)
            .Where(p => state == "all" || p["state"]!.GetValue<string>() == state)
            .Where(p => head.Length == 0 || p["head"]!["label"]!.GetValue<string>() == head)
            .Where(p => @base.Length == 0 || p["base"]!["ref"]!.GetValue<string>() == @base)
            .OrderByDescending(p => p["number"]!.GetValue<int>())
            .ToList();
        var last = Math.Max(1, (matching.Count + perPage - 1) / perPage);
        if (page < last)
        {
            string Page(int n) => $"<{new Uri(Address, $"api/v3/repos/{owner}/{name}/pulls")}?state={state}&per_page={perPage}&page={n}" +
                (head.Length > 0 ? "&head=" + Uri.EscapeDataString(head) : "") + (@base.Length > 0 ? "&base=" + Uri.EscapeDataString(@base) : "") + ">";
            context.Response.Headers["Link"] = $"{Page(page + 1)}; rel=\"next\", {Page(last)}; rel=\"last\"";
        }
        await JsonAnswers.WriteAsync(context, 200, new JsonArray([.. matching.Skip((page - 1) * perPage).Take(perPage)]));
    }

    private async Task CreatePullAsync(HttpContext context, string owner, string name)
    {
        var body = await JsonAnswers.ReadAsync(context);
        var head = body["head"]?.GetValue<string>() ?? "";
        var @base = body["base"]?.GetValue<string>() ?? "";
        var branch = head.Contains(':') ? head[(head.IndexOf(':') + 1)..] : head;
        var bare = Path.Combine(Git.ProjectRoot, owner, name + ".git");
        var sha = await ProcessRunner.RunAsync("git", ["rev-parse", "--verify", "--quiet", "refs/heads/" + branch], bare);
        if (sha.ExitCode != 0 || body["title"] is null)
        {
            await Unprocessable(context, body["title"] is null ? "title" : "head", body["title"] is null ? "missing_field" : "invalid");
            return;
        }
        if (body["draft"]?.GetValue<bool>() == true && WithoutDrafts.Contains($"{owner}/{name}"))
        {
            await JsonAnswers.WriteAsync(context, 422, new JsonObject
            {
                ["message"] = "Validation Failed",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = "Draft pull requests are not supported in this repository." }),
                ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                ["status"] = "422",
            });
            return;
        }
        var label = $"{owner}:{branch}";
        if (PullRequests(owner, name).Any(p => p["state"]!.GetValue<string>() == "open" && p["head"]!["label"]!.GetValue<string>() == label && p["base"]!["ref"]!.GetValue<string>() == @base))
        {
            await JsonAnswers.WriteAsync(context, 422, new JsonObject
            {
                ["message"] = "Validation Failed",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = $"A pull request already exists for {label}." }),
                ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
                ["status"] = "422",
            });
            return;
        }
        JsonObject pull;
        lock (_pulls)
        {
            if (!_pulls.TryGetValue($"{owner}/{name}", out var list)) _pulls[$"{owner}/{name}"] = list = [];
            var number = list.Count + 1;
            pull = new JsonObject
            {
                ["id"] = 1000 + number,
                ["node_id"] = $"PR_{name}_{number}",
                ["number"] = number,
                ["state"] = "open",
                ["locked"] = false,
                ["title"] = body["title"]!.DeepClone(),
                ["body"] = body["body"]?.DeepClone(),
                ["user"] = Account("octo-user", "User"),
                ["labels"] = new JsonArray(),
                ["draft"] = body["draft"]?.GetValue<bool>() ?? false,
                ["merged"] = false,
                ["html_url"] = new Uri(Address, $"{owner}/{name}/pull/{number}").AbsoluteUri,
                ["url"] = new Uri(Address, $"api/v3/repos/{owner}/{name}/pulls/{number}").AbsoluteUri,
                ["head"] = new JsonObject { ["label"] = label, ["ref"] = branch, ["sha"] = sha.StandardOutput.Trim() },
                ["base"] = new JsonObject { ["label"] = $"{owner}:{@base}", ["ref"] = @base },
                ["created_at"] = Now(),
                ["updated_at"] = Now(),
            };
            list.Add(pull);
        }
        await JsonAnswers.WriteAsync(context, 201, pull.DeepClone());
    }

    private JsonObject? ChangePull(string owner, string name, string number, Action<JsonObject> change)
    {
        lock (_pulls)
        {
            if (!int.TryParse(number, CultureInfo.InvariantCulture, out var n)) return null;
            var pull = _pulls.GetValueOrDefault($"{owner}/{name}")?.FirstOrDefault(p => p["number"]!.GetValue<int>() == n);
            if (pull is null) return null;
            change(pull);
            return pull.DeepClone().AsObject();
        }
    }

    private static async Task<JsonNode?> ReadAnyJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static JsonObject Label(string name) => new()
    {
        ["id"] = Math.Abs(name.GetHashCode(StringComparison.Ordinal)),
        ["name"] = name,
        ["color"] = "ededed",
        ["default"] = false,
    };

    private static Task Unprocessable(HttpContext context, string field, string code) => JsonAnswers.WriteAsync(context, 422, new JsonObject
    {
        ["message"] = "Validation Failed",
        ["errors"] = new JsonArray(new JsonObject { ["resource"] = "PullRequest", ["field"] = field, ["code"] = code }),
        ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request",
        ["status"] = "422",
    });

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
