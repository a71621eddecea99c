using System.Text.Json.Nodes;

namespace KafkaTemplates.Publishing.Hosts.GitLab;

/// <summary>A branch publish:gitlab creates or protects after the push (Backstage's <c>branches</c> item).</summary>
internal sealed record GitLabBranch(string Name, bool Protect, bool Create, string Ref);

/// <summary>A CI/CD variable of the project (Backstage's <c>projectVariables</c> item), with GitLab's defaults.</summary>
internal sealed record GitLabVariable(string Key, string Value, string? Description, string VariableType, bool Protected, bool Masked, bool Raw, string EnvironmentScope);

/// <summary>
/// What publish:gitlab does to a project besides creating it and pushing, with Backstage's semantics: make the token's
/// user an owner (<c>setUserAsOwner</c>), create and protect branches after the push (<c>branches</c>), and add CI/CD
/// variables (<c>projectVariables</c>). A rerun that finishes an empty project finds some of these done already: a
/// member that exists, a branch that exists or is protected, a variable that is set are each taken as done (a variable
/// is updated to the value asked for).
/// </summary>
internal static class GitLabProjectSettings
{
    /// <summary>GitLab's access level for an owner.</summary>
    private const int OwnerAccess = 50;

    public static async Task SetUserAsOwnerAsync(GitLabClient gitlab, GitLabProject project, Action<string> log, CancellationToken cancellationToken)
    {
        var user = await gitlab.SendAsync(HttpMethod.Get, "user", null, "read the token's user", log, cancellationToken);
        var userId = user?["id"]?.GetValue<long>() ?? throw new PublishException($"{gitlab.Name} answered the token's user without an id");
        var name = user["username"]?.GetValue<string>() ?? userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await gitlab.SendAsync(HttpMethod.Post, $"projects/{project.Id}/members", new JsonObject { ["user_id"] = userId, ["access_level"] = OwnerAccess },
                $"make {name} an owner of {project.PathWithNamespace}", log, cancellationToken);
            log($"made {name} an owner of {project.WebUrl}");
        }
        catch (GitLabAnswer a) when (a.Status == 409)
        {
            log($"{name} is a member of {project.WebUrl} already");
        }
        catch (GitLabAnswer a)
        {
            throw new PublishException($"{gitlab.Name} did not make {name} an owner of {project.WebUrl} ({a.Status}: {a.Text}); the project is pushed, add the member by hand", a);
        }
    }

    public static async Task ApplyBranchesAsync(GitLabClient gitlab, GitLabProject project, IReadOnlyList<GitLabBranch> branches, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var branch in branches)
        {
            if (branch.Create)
            {
                try
                {
                    await gitlab.SendAsync(HttpMethod.Post, $"projects/{project.Id}/repository/branches", new JsonObject { ["branch"] = branch.Name, ["ref"] = branch.Ref },
                        $"create the branch {branch.Name}", log, cancellationToken);
                    log($"created the branch {branch.Name} from {branch.Ref}");
                }
                catch (GitLabAnswer a) when (a.Status == 400 && a.Text.Contains("already exists", StringComparison.OrdinalIgnoreCase))
                {
                    log($"the branch {branch.Name} exists already");
                }
                catch (GitLabAnswer a)
                {
                    throw new PublishException($"input 'branches': {gitlab.Name} did not create the branch {branch.Name} from {branch.Ref} in {project.WebUrl} ({a.Status}: {a.Text})", a);
                }
            }
            if (branch.Protect)
            {
                try
                {
                    await gitlab.SendAsync(HttpMethod.Post, $"projects/{project.Id}/protected_branches", new JsonObject { ["name"] = branch.Name },
                        $"protect the branch {branch.Name}", log, cancellationToken);
                    log($"protected the branch {branch.Name}");
                }
                catch (GitLabAnswer a) when (a.Status == 409)
                {
                    log($"the branch {branch.Name} is protected already");
                }
                catch (GitLabAnswer a)
                {
                    throw new PublishException($"input 'branches': {gitlab.Name} did not protect the branch {branch.Name} of {project.WebUrl} ({a.Status}: {a.Text})", a);
                }
            }
        }
    }

    public static async Task AddVariablesAsync(GitLabClient gitlab, GitLabProject project, IReadOnlyList<GitLabVariable> variables, Action<string> log, CancellationToken cancellationToken)
    {
        foreach (var variable in variables)
        {
            var body = new JsonObject
            {
                ["key"] = variable.Key,
                ["value"] = variable.Value,
                ["variable_type"] = variable.VariableType,
                ["protected"] = variable.Protected,
                ["masked"] = variable.Masked,
                ["raw"] = variable.Raw,
                ["environment_scope"] = variable.EnvironmentScope,
            };
            if (variable.Description is not null) body["description"] = variable.Description;
            try
            {
                try
                {
                    await gitlab.SendAsync(HttpMethod.Post, $"projects/{project.Id}/variables", body, $"add the variable {variable.Key}", log, cancellationToken);
                }
                catch (GitLabAnswer a) when (a.Status == 400 && a.FieldErrors("key").Any(e => e.Contains("has already been taken", StringComparison.Ordinal)))
                {
                    await gitlab.SendAsync(HttpMethod.Put, $"projects/{project.Id}/variables/{Uri.EscapeDataString(variable.Key)}", body,
                        $"update the variable {variable.Key}", log, cancellationToken);
                }
            }
            catch (GitLabAnswer a)
            {
                // The value is a secret as often as not: the message names the variable, never its value.
                throw new PublishException($"input 'projectVariables': {gitlab.Name} did not add the variable {variable.Key} to {project.WebUrl} ({a.Status}: {a.Text})", a);
            }
            log($"added the variable {variable.Key}" + (variable.Masked ? " (masked)" : ""));
        }
    }
}
