using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// An in-process GitHub (Enterprise Server layout: the REST API under <c>/api/v3/</c>, git under <c>/owner/repo.git</c>)
/// on a loopback port, answering the calls publishing makes in GitHub's documented shapes: users, repository creation
/// for an organisation or the token's user (422 when the name exists), team and collaborator access, topics; every
/// answer carries the X-RateLimit-* and X-OAuth-Scopes headers, errors carry <c>message</c> and
/// <c>documentation_url</c>. Creating a repo creates a bare repo that git pushes to for real through
/// <see cref="GitHttpBackend"/>. Tests add accounts, tokens with scopes, and faults.
/// </summary>
public sealed partial class GitHubEmulator : IAsyncDisposable
{
    public const string Token = "ghp_emulatedtoken0000000000000000000000";
    private const string Docs = "https://docs.github.com/rest";

    private LoopbackServer _server = null!;
    private readonly TempFolder _root = new("github");
    private readonly Dictionary<string, string> _accounts = new(StringComparer.OrdinalIgnoreCase) { ["octo-user"] = "User" };
    private readonly Dictionary<string, string[]> _tokens = new(StringComparer.Ordinal) { [Token] = ["repo", "admin:org"] };
    private readonly Dictionary<string, JsonObject> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _teams = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _requests = [];
    private int _rateLimitLeft;

    private GitHubEmulator() => Git = new GitHttpBackend(_root.Path, Token);

    public Uri Address => _server.Address;

    /// <summary>The host as a repoUrl names it, such as <c>127.0.0.1:41234</c>.</summary>
    public string Host => _server.HostAndPort;

    public GitHttpBackend Git { get; }

    public HostFaults Faults { get; } = new();

    /// <summary>Method and path of every API request, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>The repository as the API returns it, or null.</summary>
    public JsonObject? Repo(string owner, string name)
    {
        lock (_repos) return _repos.GetValueOrDefault($"{owner}/{name}")?.DeepClone().AsObject();
    }

    /// <summary>The text of a <c>{html_url}/blob/{branch}/{path}</c> URL of this host, read from the repo with git; null when absent.</summary>
    public async Task<string?> ReadBlobAsync(string url)
    {
        var parts = new Uri(url).AbsolutePath.Trim('/').Split('/', 5);
        if (parts is not [var owner, var name, "blob", var branch, var path]) return null;
        var result = await ProcessRunner.RunAsync("git", ["show", $"{branch}:{path}"], Path.Combine(Git.ProjectRoot, owner, name + ".git"));
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    public static async Task<GitHubEmulator> StartAsync()
    {
        var emulator = new GitHubEmulator();
        emulator._server = await LoopbackServer.StartAsync(emulator.HandleAsync);
        return emulator;
    }

    public GitHubEmulator AddOrganization(string login, params string[] teams)
    {
        lock (_accounts) _accounts[login] = "Organization";
        lock (_teams) foreach (var team in teams) _teams.Add($"{login}/{team}");
        return this;
    }

    /// <summary>Another token, with its classic OAuth scopes (it is also accepted for git over HTTP).</summary>
    public GitHubEmulator AddToken(string token, params string[] scopes)
    {
        lock (_tokens) _tokens[token] = scopes;
        return this;
    }

    /// <summary>The next <paramref name="requests"/> API requests get GitHub's primary rate-limit answer (403, remaining 0).</summary>
    public void RateLimit(int requests) => Interlocked.Exchange(ref _rateLimitLeft, requests);

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith("/api/v3/", StringComparison.Ordinal))
        {
            await Git.HandleAsync(context, path);
            return;
        }
        var method = context.Request.Method;
        var route = path["/api/v3".Length..];
        lock (_requests) _requests.Add($"{method} {route}");

        if (context.Request.Headers.UserAgent.Count == 0)
        {
            // GitHub rejects any API request without a User-Agent.
            await Error(context, 403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/using-the-rest-api/getting-started-with-the-rest-api#user-agent).");
            return;
        }
        var token = TokenOf(context.Request);
        string[]? scopes;
        lock (_tokens) scopes = token is null ? null : _tokens.GetValueOrDefault(token);
        var headers = context.Response.Headers;
        headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        headers["X-RateLimit-Limit"] = "5000";
        headers["X-RateLimit-Resource"] = "core";
        var reset = DateTimeOffset.UtcNow.AddSeconds(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset;
        if (Interlocked.Decrement(ref _rateLimitLeft) >= 0)
        {
            headers["X-RateLimit-Remaining"] = "0";
            headers["X-RateLimit-Used"] = "5000";
            await Error(context, 403, "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID.");
            return;
        }
        headers["X-RateLimit-Remaining"] = "4999";
        headers["X-RateLimit-Used"] = "1";
        if (Faults.Take(method, route) is { } fault)
        {
            if (fault.Status == 0) context.Abort();
            else await Error(context, fault.Status, fault.Status >= 500 ? "Server Error" : "Emulated failure");
            return;
        }
        if (scopes is null)
        {
            await Error(context, 401, "Bad credentials");
            return;
        }
        headers["X-OAuth-Scopes"] = string.Join(", ", scopes);

        var parts = route.Trim('/').Split('/');
        if (await HandleUpgradeRequestsAsync(context, method, parts, scopes)) return;
        switch (method, parts)
        {
            case ("GET", ["user"]):
                await JsonAnswers.WriteAsync(context, 200, Account("octo-user", "User"));
                return;
            case ("GET", ["users", var login]):
                string? type;
                lock (_accounts) type = _accounts.GetValueOrDefault(login);
                if (type is null) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, Account(login, type));
                return;
            case ("POST", ["orgs", var org, "repos"]):
                await CreateRepoAsync(context, org, scopes);
                return;
            case ("POST", ["user", "repos"]):
                await CreateRepoAsync(context, "octo-user", scopes);
                return;
            case ("GET", ["repos", var owner, var name]):
                if (Repo(owner, name) is { } repo) await JsonAnswers.WriteAsync(context, 200, repo);
                else await Error(context, 404, "Not Found");
                return;
            case ("PUT", ["repos", var owner, var name, "topics"]):
                var topics = (await JsonAnswers.ReadAsync(context))["names"]?.DeepClone() ?? new JsonArray();
                if (!Update(owner, name, r => r["topics"] = topics.DeepClone())) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, new JsonObject { ["names"] = topics });
                return;
            case ("PUT", ["repos", var owner, var name, "collaborators", var user]):
                var permission = (await JsonAnswers.ReadAsync(context))["permission"]?.GetValue<string>() ?? "push";
                if (!Update(owner, name, r => Access(r, "collaborators")[user] = permission)) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 201, new JsonObject { ["id"] = 1, ["permissions"] = permission });
                return;
            case ("PUT", ["orgs", var org, "teams", var team, "repos", var owner, var name]):
                bool known;
                lock (_teams) known = _teams.Contains($"{org}/{team}");
                var teamPermission = (await JsonAnswers.ReadAsync(context))["permission"]?.GetValue<string>() ?? "push";
                if (!known || !Update(owner, name, r => Access(r, "teams")[team] = teamPermission)) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 204, null);
                return;
            default:
                // Branches and branch protection live in GitHubEmulator.Branches.cs; secrets, OIDC and properties in GitHubEmulator.Actions.cs.
                if (await HandleBranchesAsync(context, method, parts)) return;
                if (await HandleActionsAsync(context, method, parts, scopes)) return;
                await Error(context, 404, "Not Found");
                return;
        }
    }

    private async Task CreateRepoAsync(HttpContext context, string owner, string[] scopes)
    {
        var body = await JsonAnswers.ReadAsync(context);
        var name = body["name"]?.GetValue<string>() ?? "";
        var isPrivate = body["private"]?.GetValue<bool>() ?? false;
        var visibility = body["visibility"]?.GetValue<string>() ?? (isPrivate ? "private" : "public");
        var needed = visibility == "public" ? new[] { "public_repo", "repo" } : ["repo"];
        if (!needed.Any(scopes.Contains))
        {
            context.Response.Headers["X-Accepted-OAuth-Scopes"] = string.Join(", ", needed.Reverse());
            await Error(context, 403, "Resource not accessible by personal access token");
            return;
        }
        lock (_repos)
        {
            if (_repos.ContainsKey($"{owner}/{name}")) name = "";
        }
        if (name.Length == 0)
        {
            await JsonAnswers.WriteAsync(context, 422, new JsonObject
            {
                ["message"] = "Repository creation failed.",
                ["errors"] = new JsonArray(new JsonObject { ["resource"] = "Repository", ["code"] = "custom", ["field"] = "name", ["message"] = "name already exists on this account" }),
                ["documentation_url"] = "https://docs.github.com/rest/repos/repos#create-an-organization-repository",
                ["status"] = "422",
            });
            return;
        }
        string ownerType;
        lock (_accounts) ownerType = _accounts.GetValueOrDefault(owner) ?? "User";
        var repo = new JsonObject
        {
            ["id"] = Math.Abs($"{owner}/{name}".GetHashCode(StringComparison.Ordinal)),
            ["node_id"] = "R_" + name,
            ["name"] = name,
            ["full_name"] = $"{owner}/{name}",
            ["owner"] = Account(owner, ownerType),
            ["private"] = visibility != "public",
            ["visibility"] = visibility,
            ["description"] = body["description"]?.DeepClone(),
            ["homepage"] = body["homepage"]?.DeepClone(),
            ["html_url"] = new Uri(Address, $"{owner}/{name}").AbsoluteUri,
            ["url"] = new Uri(Address, $"api/v3/repos/{owner}/{name}").AbsoluteUri,
            ["clone_url"] = new Uri(Address, $"{owner}/{name}.git").AbsoluteUri,
            ["default_branch"] = "main",
            ["has_issues"] = body["has_issues"]?.DeepClone() ?? true,
            ["has_wiki"] = body["has_wiki"]?.DeepClone() ?? true,
            ["delete_branch_on_merge"] = body["delete_branch_on_merge"]?.DeepClone() ?? false,
            ["topics"] = new JsonArray(),
            ["size"] = 0,
            ["created_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["updated_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        };
        lock (_repos) _repos[$"{owner}/{name}"] = repo;
        await Git.CreateBareRepoAsync($"{owner}/{name}.git");
        await JsonAnswers.WriteAsync(context, 201, repo.DeepClone());
    }

    private bool Update(string owner, string name, Action<JsonObject> change)
    {
        lock (_repos)
        {
            if (!_repos.TryGetValue($"{owner}/{name}", out var repo)) return false;
            change(repo);
            return true;
        }
    }

    private static JsonObject Access(JsonObject repo, string kind) =>
        repo[$"emulator_{kind}"] as JsonObject ?? (JsonObject)(repo[$"emulator_{kind}"] = new JsonObject());

    private JsonObject Account(string login, string type) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)),
        ["type"] = type,
        ["html_url"] = new Uri(Address, login).AbsoluteUri,
    };

    private static Task Error(HttpContext context, int status, string message) =>
        JsonAnswers.WriteAsync(context, status, new JsonObject { ["message"] = message, ["documentation_url"] = Docs, ["status"] = status.ToString(CultureInfo.InvariantCulture) });

    private static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        foreach (var scheme in new[] { "token ", "bearer " })
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return header[scheme.Length..].Trim();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }
}
