using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// An in-process GitLab (the REST API v4 under <c>/api/v4/</c>, git under <c>/full/path.git</c>) on a loopback port,
/// answering the calls publishing makes in GitLab's documented shapes: namespaces by id or URL-encoded path (groups,
/// subgroups, users), project create, get and delete (400 <c>{"message":{"name":["has already been taken"]}}</c> for a
/// taken name, 401 <c>{"message":"401 Unauthorized"}</c>, 403 <c>insufficient_scope</c>, 404
/// <c>{"message":"404 Namespace Not Found"}</c>). The token goes in <c>PRIVATE-TOKEN</c> or as a Bearer token.
/// Creating a project creates a bare repo that git pushes to for real through <see cref="GitHttpBackend"/> (user
/// <c>oauth2</c>, the token as password). Tests add groups, users and faults.
/// </summary>
public sealed partial class GitLabEmulator : IAsyncDisposable
{
    public const string Token = "glpat-emulatedtoken000000000";
    public const string UserName = "gitlab-user";

    private LoopbackServer _server = null!;
    private readonly TempFolder _root = new("gitlab");
    private readonly Dictionary<string, JsonObject> _namespaces = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string[]> _tokens = new(StringComparer.Ordinal) { [Token] = ["api"] };
    private readonly Dictionary<long, JsonObject> _projects = [];
    private readonly List<string> _requests = [];
    private long _nextId = 100;

    private GitLabEmulator() => Git = new GitHttpBackend(_root.Path, Token);

    public Uri Address => _server.Address;

    /// <summary>The host as a repoUrl names it, such as <c>127.0.0.1:41234</c>.</summary>
    public string Host => _server.HostAndPort;

    /// <summary>The API base URL, as GITLAB_API_URL gives it.</summary>
    public Uri ApiUrl => new(Address, "api/v4");

    public GitHttpBackend Git { get; }

    public HostFaults Faults { get; } = new();

    /// <summary>Method and path (as sent, still URL-encoded) of every API request, in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>The body of every API request, in order, to show that no token travelled in one.</summary>
    public List<string> RequestBodies { get; } = [];

    public static async Task<GitLabEmulator> StartAsync()
    {
        var emulator = new GitLabEmulator();
        emulator._server = await LoopbackServer.StartAsync(emulator.HandleAsync);
        emulator.AddNamespace(UserName, "user");
        return emulator;
    }

    /// <summary>A group (<c>acme</c>), a subgroup (<c>acme/data</c>, its parent added first) or a user namespace.</summary>
    public GitLabEmulator AddNamespace(string fullPath, string kind = "group")
    {
        var parent = fullPath.Contains('/') ? Namespace(fullPath[..fullPath.LastIndexOf('/')]) : null;
        var path = fullPath[(fullPath.LastIndexOf('/') + 1)..];
        lock (_namespaces)
            _namespaces[fullPath] = new JsonObject
            {
                ["id"] = Interlocked.Increment(ref _nextId),
                ["name"] = path,
                ["path"] = path,
                ["kind"] = kind,
                ["full_path"] = fullPath,
                ["parent_id"] = parent?["id"]?.DeepClone(),
                ["avatar_url"] = null,
                ["web_url"] = new Uri(Address, kind == "user" ? path : "groups/" + fullPath).AbsoluteUri,
            };
        return this;
    }

    /// <summary>Another token with its scopes (<c>api</c>, <c>read_api</c>, ...); it is also accepted for git over HTTP only if it is <see cref="Token"/>.</summary>
    public GitLabEmulator AddToken(string token, params string[] scopes)
    {
        lock (_tokens) _tokens[token] = scopes;
        return this;
    }

    public JsonObject? Namespace(string fullPath)
    {
        lock (_namespaces) return _namespaces.GetValueOrDefault(fullPath)?.DeepClone().AsObject();
    }

    /// <summary>The project at this full path as the API returns it, or null.</summary>
    public JsonObject? Project(string pathWithNamespace)
    {
        lock (_projects)
            return _projects.Values.FirstOrDefault(p => string.Equals(p["path_with_namespace"]!.GetValue<string>(), pathWithNamespace, StringComparison.OrdinalIgnoreCase))
                ?.DeepClone().AsObject();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var raw = context.Request.Path.Value ?? "/";
        if (!raw.StartsWith("/api/v4/", StringComparison.Ordinal))
        {
            await Git.HandleAsync(context, raw);
            return;
        }
        var method = context.Request.Method;
        var route = raw["/api/v4".Length..];
        lock (_requests) _requests.Add($"{method} {route}");
        var body = method is "POST" or "PUT" ? await JsonAnswers.ReadAsync(context) : [];
        lock (RequestBodies) RequestBodies.Add(body.ToJsonString());

        if (Faults.Take(method, route) is { } fault)
        {
            if (fault.Status == 0) context.Abort();
            else
            {
                if (fault.Status == 429) context.Response.Headers.RetryAfter = "0";
                await Message(context, fault.Status, fault.Status switch
                {
                    429 => "429 Too Many Requests",
                    403 => "403 Forbidden",
                    >= 500 => "500 Internal Server Error",
                    _ => "Emulated failure",
                });
            }
            return;
        }
        var token = TokenOf(context.Request);
        string[]? scopes;
        lock (_tokens) scopes = token is null ? null : _tokens.GetValueOrDefault(token);
        if (scopes is null)
        {
            await Message(context, 401, "401 Unauthorized");
            return;
        }
        var writes = method != "GET";
        if (!scopes.Contains("api") && (writes || !scopes.Contains("read_api")))
        {
            await JsonAnswers.WriteAsync(context, 403, new JsonObject
            {
                ["error"] = "insufficient_scope",
                ["error_description"] = "The request requires higher privileges than provided by the access token.",
                ["scope"] = "api",
            });
            return;
        }

        // Path parameters are URL-encoded (acme%2Fdata); Kestrel leaves %2F as it is.
        var parts = route.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (await HandleUpgradeRequestsAsync(context, method, parts, body)) return;
        switch (method, parts)
        {
            case ("GET", ["user"]):
                await JsonAnswers.WriteAsync(context, 200, new JsonObject { ["id"] = 1, ["username"] = UserName });
                return;
            case ("GET", ["namespaces", var id]):
                if (FindNamespace(id) is { } found) await JsonAnswers.WriteAsync(context, 200, found);
                else await Message(context, 404, "404 Namespace Not Found");
                return;
            case ("POST", ["projects"]):
                await CreateProjectAsync(context, body);
                return;
            case ("GET", ["projects", var id]):
                if (FindProject(id) is { } project) await JsonAnswers.WriteAsync(context, 200, await WithRepositoryStateAsync(project));
                else await Message(context, 404, "404 Project Not Found");
                return;
            case ("DELETE", ["projects", var id]):
                if (FindProject(id) is not { } doomed)
                {
                    await Message(context, 404, "404 Project Not Found");
                    return;
                }
                lock (_projects) _projects.Remove(doomed["id"]!.GetValue<long>());
                Directory.Delete(Path.Combine(Git.ProjectRoot, doomed["path_with_namespace"]!.GetValue<string>() + ".git"), recursive: true);
                await Message(context, 202, "202 Accepted");
                return;
            default:
                // Members, branches, protected branches and variables live in GitLabEmulator.ProjectSettings.cs.
                if (await HandleProjectSettingsAsync(context, method, parts, body)) return;
                await Message(context, 404, "404 Not Found");
                return;
        }
    }

    private async Task CreateProjectAsync(HttpContext context, JsonObject body)
    {
        var name = body["name"]?.GetValue<string>() ?? "";
        var path = body["path"]?.GetValue<string>() ?? name;
        var namespaceId = body["namespace_id"]?.GetValue<long>();
        JsonObject? space;
        lock (_namespaces) space = namespaceId is { } nsId ? _namespaces.Values.FirstOrDefault(n => n["id"]!.GetValue<long>() == nsId) : Namespace(UserName);
        if (space is null)
        {
            await Message(context, 404, "404 Namespace Not Found");
            return;
        }
        var fullPath = $"{space["full_path"]!.GetValue<string>()}/{path}";
        if (Project(fullPath) is not null)
        {
            await JsonAnswers.WriteAsync(context, 400, new JsonObject
            {
                ["message"] = new JsonObject
                {
                    ["project_namespace.name"] = new JsonArray("has already been taken"),
                    ["name"] = new JsonArray("has already been taken"),
                    ["path"] = new JsonArray("has already been taken"),
                },
            });
            return;
        }
        var id = Interlocked.Increment(ref _nextId);
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        var project = new JsonObject
        {
            ["id"] = id,
            ["description"] = body["description"]?.DeepClone(),
            ["name"] = name,
            ["name_with_namespace"] = $"{space["name"]} / {name}",
            ["path"] = path,
            ["path_with_namespace"] = fullPath,
            ["created_at"] = now,
            ["default_branch"] = body["default_branch"]?.DeepClone() ?? "main",
            ["topics"] = body["topics"]?.DeepClone() ?? new JsonArray(),
            ["tag_list"] = body["topics"]?.DeepClone() ?? new JsonArray(),
            ["ssh_url_to_repo"] = $"git@{Address.Host}:{fullPath}.git",
            ["http_url_to_repo"] = new Uri(Address, fullPath + ".git").AbsoluteUri,
            ["web_url"] = new Uri(Address, fullPath).AbsoluteUri,
            ["visibility"] = body["visibility"]?.DeepClone() ?? "private",
            ["namespace"] = new JsonObject
            {
                ["id"] = space["id"]!.DeepClone(),
                ["name"] = space["name"]!.DeepClone(),
                ["path"] = space["path"]!.DeepClone(),
                ["kind"] = space["kind"]!.DeepClone(),
                ["full_path"] = space["full_path"]!.DeepClone(),
            },
            ["empty_repo"] = true,
            ["last_activity_at"] = now,
        };
        foreach (var key in new[] { "ci_config_path", "merge_method", "squash_option", "auto_devops_enabled", "only_allow_merge_if_pipeline_succeeds" })
            if (body[key] is { } value) project[key] = value.DeepClone();
        lock (_projects) _projects[id] = project;
        await Git.CreateBareRepoAsync(fullPath + ".git", project["default_branch"]!.GetValue<string>());
        await JsonAnswers.WriteAsync(context, 201, project.DeepClone());
    }

    private JsonObject? FindNamespace(string idOrPath)
    {
        lock (_namespaces)
            return (long.TryParse(idOrPath, out var id)
                ? _namespaces.Values.FirstOrDefault(n => n["id"]!.GetValue<long>() == id)
                : _namespaces.GetValueOrDefault(idOrPath))?.DeepClone().AsObject();
    }

    private JsonObject? FindProject(string idOrPath)
    {
        if (!long.TryParse(idOrPath, out var id)) return Project(idOrPath);
        lock (_projects) return _projects.GetValueOrDefault(id)?.DeepClone().AsObject();
    }

    private static Task Message(HttpContext context, int status, string message) =>
        JsonAnswers.WriteAsync(context, status, new JsonObject { ["message"] = message });

    private static string? TokenOf(HttpRequest request)
    {
        if (request.Headers["PRIVATE-TOKEN"].ToString() is { Length: > 0 } privateToken) return privateToken;
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _root.Dispose();
    }
}
