using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// The emulated GitLab's project settings calls, in GitLab's documented shapes: project members (<c>POST
/// /projects/:id/members</c>, 409 <c>Member already exists</c>), branches (<c>POST .../repository/branches</c> from a
/// ref, 400 <c>Branch already exists</c>, 400 <c>Invalid reference name</c>), protected branches (409 when protected
/// already) and CI/CD variables (400 <c>has already been taken</c>; a masked value shorter than 8 characters is 400, as
/// GitLab refuses it), and <c>empty_repo</c> read from the bare repo with git. Kept apart from the project calls so
/// other host features can grow beside them.
/// </summary>
public sealed partial class GitLabEmulator
{
    /// <summary>The members a project was given through the API: user id → access level.</summary>
    public IReadOnlyDictionary<long, int> Members(string pathWithNamespace) =>
        Project(pathWithNamespace)?["emulator_members"] is JsonObject members
            ? members.ToDictionary(m => long.Parse(m.Key, System.Globalization.CultureInfo.InvariantCulture), m => m.Value!.GetValue<int>())
            : new Dictionary<long, int>();

    /// <summary>The names of the project's protected branches.</summary>
    public IReadOnlyList<string> ProtectedBranches(string pathWithNamespace) =>
        Project(pathWithNamespace)?["emulator_protected_branches"] is JsonArray names ? [.. names.Select(n => n!.GetValue<string>())] : [];

    /// <summary>The project's CI/CD variables as GitLab keeps them, by key.</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables(string pathWithNamespace) =>
        Project(pathWithNamespace)?["emulator_variables"] is JsonObject variables
            ? variables.ToDictionary(v => v.Key, v => v.Value!.DeepClone().AsObject())
            : new Dictionary<string, JsonObject>();

    /// <summary>The text of a <c>{web_url}/-/blob/{branch}/{path}</c> URL of this host, read from the repo with git; null when absent.</summary>
    public async Task<string?> ReadBlobAsync(string url)
    {
        var path = new Uri(url).AbsolutePath.Trim('/');
        var marker = path.IndexOf("/-/blob/", StringComparison.Ordinal);
        if (marker < 0) return null;
        var rest = path[(marker + "/-/blob/".Length)..].Split('/', 2);
        if (rest is not [var branch, var file]) return null;
        var repo = Path.Combine(Git.ProjectRoot, path[..marker] + ".git");
        if (!Directory.Exists(repo)) return null;
        var result = await ProcessRunner.RunAsync("git", ["show", $"{branch}:{file}"], repo);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    /// <summary>The token's user id, as <c>GET /user</c> answers it.</summary>
    public const long UserId = 1;

    private async Task<bool> HandleProjectSettingsAsync(HttpContext context, string method, string[] parts, JsonObject body)
    {
        switch (method, parts)
        {
            case ("POST", ["projects", var id, "members"]):
                if (FindProject(id) is not { } project) break;
                var userId = body["user_id"]?.GetValue<long>() ?? 0;
                if (project["emulator_members"]?[userId.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not null)
                {
                    await Message(context, 409, "Member already exists");
                    return true;
                }
                UpdateProject(project, p => Child(p, "emulator_members")[userId.ToString(System.Globalization.CultureInfo.InvariantCulture)] = body["access_level"]?.GetValue<int>() ?? 30);
                await JsonAnswers.WriteAsync(context, 201, new JsonObject { ["id"] = userId, ["username"] = UserName, ["access_level"] = body["access_level"]?.DeepClone() });
                return true;
            case ("POST", ["projects", var id, "repository", "branches"]):
                if (FindProject(id) is not { } withBranch) break;
                var repo = withBranch["path_with_namespace"]!.GetValue<string>() + ".git";
                var branch = body["branch"]?.GetValue<string>() ?? context.Request.Query["branch"].ToString();
                var reference = body["ref"]?.GetValue<string>() ?? context.Request.Query["ref"].ToString();
                if ((await Git.GitAsync(repo, "for-each-ref", "refs/heads/" + branch)).Trim().Length > 0)
                {
                    await Message(context, 400, "Branch already exists");
                    return true;
                }
                var sha = await ProcessRunner.RunAsync("git", ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], Path.Combine(Git.ProjectRoot, repo));
                if (sha.ExitCode != 0)
                {
                    await Message(context, 400, "Invalid reference name: " + reference);
                    return true;
                }
                await Git.GitAsync(repo, "update-ref", "refs/heads/" + branch, sha.StandardOutput.Trim());
                await JsonAnswers.WriteAsync(context, 201, new JsonObject { ["name"] = branch, ["commit"] = new JsonObject { ["id"] = sha.StandardOutput.Trim() }, ["protected"] = false });
                return true;
            case ("POST", ["projects", var id, "protected_branches"]):
                if (FindProject(id) is not { } toProtect) break;
                var name = body["name"]?.GetValue<string>() ?? "";
                if (ProtectedBranches(toProtect["path_with_namespace"]!.GetValue<string>()).Contains(name))
                {
                    await Message(context, 409, "Protected branch '" + name + "' already exists");
                    return true;
                }
                UpdateProject(toProtect, p => (p["emulator_protected_branches"] as JsonArray ?? (JsonArray)(p["emulator_protected_branches"] = new JsonArray())).Add(name));
                await JsonAnswers.WriteAsync(context, 201, new JsonObject { ["name"] = name, ["push_access_levels"] = new JsonArray(new JsonObject { ["access_level"] = 40 }) });
                return true;
            case ("POST", ["projects", _, "variables"]):
            case ("PUT", ["projects", _, "variables", _]):
                if (FindProject(parts[1]) is not { } withVariables) break;
                var key = method == "PUT" ? parts[3] : body["key"]?.GetValue<string>() ?? "";
                var exists = withVariables["emulator_variables"]?[key] is not null;
                if (method == "POST" && exists)
                {
                    await JsonAnswers.WriteAsync(context, 400, new JsonObject { ["message"] = new JsonObject { ["key"] = new JsonArray($"({key}) has already been taken") } });
                    return true;
                }
                if (method == "PUT" && !exists)
                {
                    await Message(context, 404, "404 Variable Not Found");
                    return true;
                }
                if ((body["masked"]?.GetValue<bool>() ?? false) && (body["value"]?.GetValue<string>() ?? "").Length < 8)
                {
                    await JsonAnswers.WriteAsync(context, 400, new JsonObject { ["message"] = new JsonObject { ["value"] = new JsonArray("is invalid") } });
                    return true;
                }
                var variable = body.DeepClone().AsObject();
                variable["key"] = key;
                UpdateProject(withVariables, p => Child(p, "emulator_variables")[key] = variable.DeepClone());
                await JsonAnswers.WriteAsync(context, method == "POST" ? 201 : 200, variable);
                return true;
            default:
                return false;
        }
        await Message(context, 404, "404 Project Not Found");
        return true;
    }

    /// <summary>The project as GitLab answers it: <c>empty_repo</c> is true until something is pushed.</summary>
    private async Task<JsonObject> WithRepositoryStateAsync(JsonObject project)
    {
        var refs = await Git.GitAsync(project["path_with_namespace"]!.GetValue<string>() + ".git", "for-each-ref", "refs/heads/");
        project["empty_repo"] = refs.Trim().Length == 0;
        foreach (var key in project.Select(p => p.Key).Where(k => k.StartsWith("emulator_", StringComparison.Ordinal)).ToList()) project.Remove(key);
        return project;
    }

    private void UpdateProject(JsonObject project, Action<JsonObject> change)
    {
        lock (_projects) change(_projects[project["id"]!.GetValue<long>()]);
    }

    private static JsonObject Child(JsonObject parent, string name) =>
        parent[name] as JsonObject ?? (JsonObject)(parent[name] = new JsonObject());
}
