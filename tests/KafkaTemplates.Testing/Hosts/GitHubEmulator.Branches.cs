using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// The emulated GitHub's branch calls, in GitHub's documented shapes: the branch list (read from the bare repo with git,
/// so an empty repository has none), branch protection (<c>PUT .../branches/{branch}/protection</c>: 404 <c>Branch not
/// found</c>, 422 when a required field is missing, 403 <c>Upgrade to GitHub Pro...</c> for a private repository of an
/// owner on the free plan) and required signatures, Actions variables and subscriptions. Kept apart from the
/// repository calls so other host features can grow beside them.
/// </summary>
public sealed partial class GitHubEmulator
{
    private readonly HashSet<string> _freePlanOwners = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The owner is on GitHub's free plan: protecting a branch of its private repositories is refused.</summary>
    public GitHubEmulator OnFreePlan(string owner)
    {
        lock (_freePlanOwners) _freePlanOwners.Add(owner);
        return this;
    }

    /// <summary>The protection of a branch as GitHub answers <c>GET .../protection</c>, or null when it has none.</summary>
    public JsonObject? BranchProtection(string owner, string name, string branch) =>
        Repo(owner, name)?["emulator_protection"]?[branch]?.DeepClone().AsObject();

    private async Task<bool> HandleBranchesAsync(HttpContext context, string method, string[] parts)
    {
        switch (method, parts)
        {
            case ("GET", ["repos", var owner, var name, "branches"]):
                if (Repo(owner, name) is null)
                {
                    await Error(context, 404, "Not Found");
                    return true;
                }
                var list = new JsonArray();
                foreach (var (branch, sha) in await BranchesAsync(owner, name))
                    list.Add(new JsonObject
                    {
                        ["name"] = branch,
                        ["commit"] = new JsonObject { ["sha"] = sha, ["url"] = new Uri(Address, $"api/v3/repos/{owner}/{name}/commits/{sha}").AbsoluteUri },
                        ["protected"] = BranchProtection(owner, name, branch) is not null,
                    });
                await JsonAnswers.WriteAsync(context, 200, list);
                return true;
            case ("PUT", ["repos", var owner, var name, "branches", var branch, "protection"]):
                await ProtectAsync(context, owner, name, branch);
                return true;
            case ("POST", ["repos", var owner, var name, "branches", var branch, "protection", "required_signatures"]):
                if (BranchProtection(owner, name, branch) is null)
                {
                    await Error(context, 404, "Branch not protected");
                    return true;
                }
                var signatures = new JsonObject { ["url"] = new Uri(Address, $"api/v3/repos/{owner}/{name}/branches/{branch}/protection/required_signatures").AbsoluteUri, ["enabled"] = true };
                Update(owner, name, r => ((JsonObject)r["emulator_protection"]![branch]!)["required_signatures"] = signatures.DeepClone());
                await JsonAnswers.WriteAsync(context, 200, signatures);
                return true;
            case ("POST", ["repos", var owner, var name, "actions", "variables"]):
                var variable = await JsonAnswers.ReadAsync(context);
                var variableName = variable["name"]?.GetValue<string>() ?? "";
                var exists = Repo(owner, name)?["emulator_variables"]?[variableName] is not null;
                if (Repo(owner, name) is null) await Error(context, 404, "Not Found");
                else if (exists) await Error(context, 409, "Already exists - Variable already exists");
                else
                {
                    Update(owner, name, r => Access(r, "variables")[variableName] = variable["value"]?.DeepClone());
                    await JsonAnswers.WriteAsync(context, 201, new JsonObject());
                }
                return true;
            case ("PATCH", ["repos", var owner, var name, "actions", "variables", var variableToChange]):
                var changed = await JsonAnswers.ReadAsync(context);
                if (!Update(owner, name, r => Access(r, "variables")[variableToChange] = changed["value"]?.DeepClone())) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 204, null);
                return true;
            case ("PATCH", ["repos", var owner, var name]):
                var settings = await JsonAnswers.ReadAsync(context);
                if (!Update(owner, name, r =>
                    {
                        foreach (var (key, value) in settings) r[key] = value?.DeepClone();
                    }))
                    await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, Repo(owner, name));
                return true;
            case ("PUT", ["repos", var owner, var name, "subscription"]):
                var subscription = await JsonAnswers.ReadAsync(context);
                if (!Update(owner, name, r => r["emulator_subscription"] = subscription.DeepClone())) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, new JsonObject { ["subscribed"] = subscription["subscribed"]?.DeepClone(), ["ignored"] = subscription["ignored"]?.DeepClone() });
                return true;
            default:
                return false;
        }
    }

    private async Task ProtectAsync(HttpContext context, string owner, string name, string branch)
    {
        var body = await JsonAnswers.ReadAsync(context);
        if (Repo(owner, name) is not { } repo)
        {
            await Error(context, 404, "Not Found");
            return;
        }
        if (!(await BranchesAsync(owner, name)).Any(b => b.Name == branch))
        {
            await Error(context, 404, "Branch not found");
            return;
        }
        bool freePlan;
        lock (_freePlanOwners) freePlan = _freePlanOwners.Contains(owner);
        if (freePlan && repo["private"]!.GetValue<bool>())
        {
            await Error(context, 403, "Upgrade to GitHub Pro or make this repository public to enable this feature.");
            return;
        }
        // GitHub requires these four, each an object or null.
        foreach (var required in new[] { "required_status_checks", "enforce_admins", "required_pull_request_reviews", "restrictions" })
        {
            if (!body.ContainsKey(required))
            {
                await Error(context, 422, $"Invalid request.\n\n\"{required}\" wasn't supplied.");
                return;
            }
        }
        var url = new Uri(Address, $"api/v3/repos/{owner}/{name}/branches/{branch}/protection").AbsoluteUri;
        var protection = new JsonObject { ["url"] = url };
        if (body["required_status_checks"] is JsonObject checks)
            protection["required_status_checks"] = new JsonObject { ["url"] = url + "/required_status_checks", ["strict"] = checks["strict"]?.DeepClone(), ["contexts"] = checks["contexts"]?.DeepClone() ?? new JsonArray() };
        protection["enforce_admins"] = new JsonObject { ["url"] = url + "/enforce_admins", ["enabled"] = body["enforce_admins"]?.GetValue<bool>() ?? false };
        if (body["required_pull_request_reviews"] is JsonObject reviews)
        {
            var answer = reviews.DeepClone().AsObject();
            answer["url"] = url + "/required_pull_request_reviews";
            protection["required_pull_request_reviews"] = answer;
        }
        if (body["restrictions"] is JsonObject restrictions)
        {
            var answer = restrictions.DeepClone().AsObject();
            answer["url"] = url + "/restrictions";
            protection["restrictions"] = answer;
        }
        foreach (var flag in new[] { "required_linear_history", "required_conversation_resolution", "allow_force_pushes", "allow_deletions", "block_creations" })
            protection[flag] = new JsonObject { ["enabled"] = body[flag]?.GetValue<bool>() ?? false };
        protection["required_signatures"] = new JsonObject { ["url"] = url + "/required_signatures", ["enabled"] = false };
        Update(owner, name, r => Access(r, "protection")[branch] = protection.DeepClone());
        await JsonAnswers.WriteAsync(context, 200, protection);
    }

    private async Task<List<(string Name, string Sha)>> BranchesAsync(string owner, string name)
    {
        var refs = await Git.GitAsync($"{owner}/{name}.git", "for-each-ref", "--format=%(refname:strip=2) %(objectname)", "refs/heads/");
        return [.. refs.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).Select(p => (p[0], p[1]))];
    }
}
