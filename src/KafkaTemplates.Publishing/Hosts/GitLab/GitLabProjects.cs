using System.Text.Json.Nodes;

namespace KafkaTemplates.Publishing.Hosts.GitLab;

/// <summary>A project to create on GitLab, with what publish:gitlab takes (Backstage's names in comments).</summary>
internal sealed record GitLabProjectRequest
{
    public required RepoUrl Repo { get; init; }
    /// <summary>repoVisibility (or settings.visibility): private, internal or public.</summary>
    public string Visibility { get; init; } = "private";
    public required string DefaultBranch { get; init; }
    public string? Description { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>settings: further attributes of GitLab's create-project call, passed as they are.</summary>
    public JsonObject Settings { get; init; } = [];
}

/// <summary>A project GitLab created: its id and the URLs publish:gitlab outputs.</summary>
internal sealed record GitLabProject(long Id, string PathWithNamespace, string HttpUrlToRepo, string WebUrl);

/// <summary>
/// The project calls of publish:gitlab, as Backstage makes them: the namespace (a group, subgroup or user) is looked
/// up by its path, the project is created in it with <c>POST /projects</c>, and a project this run created is deleted
/// again when its push fails.
/// </summary>
internal static class GitLabProjects
{
    public static async Task<GitLabProject> CreateAsync(GitLabClient gitlab, GitLabProjectRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        JsonNode? space;
        try
        {
            space = await gitlab.SendAsync(HttpMethod.Get, "namespaces/" + Uri.EscapeDataString(owner), null, $"look up the namespace '{owner}'", log, cancellationToken);
        }
        catch (GitLabAnswer a) when (a.Status == 404)
        {
            throw new PublishException($"input 'repoUrl': the namespace '{owner}' is not found on {gitlab.Name}, or the token may not see it; name an existing group, subgroup or user", a);
        }
        var namespaceId = space?["id"]?.GetValue<long>() ?? throw new PublishException($"{gitlab.Name} answered the namespace '{owner}' without an id");

        var body = request.Settings.DeepClone().AsObject();
        body["name"] = name;
        body["path"] ??= name;
        body["namespace_id"] = namespaceId;
        body["visibility"] ??= request.Visibility;
        body["default_branch"] = request.DefaultBranch;
        body["initialize_with_readme"] = false;
        if (request.Description is not null) body["description"] ??= request.Description;
        if (request.Topics.Count > 0) body["topics"] ??= new JsonArray([.. request.Topics.Select(t => JsonValue.Create(t))]);
        JsonNode? project;
        try
        {
            project = await gitlab.SendAsync(HttpMethod.Post, "projects", body, $"create the project {owner}/{name}", log, cancellationToken);
        }
        catch (GitLabAnswer a) when (a.Status == 400 && (a.FieldErrors("name").Concat(a.FieldErrors("path")).Any(e => e.Contains("has already been taken", StringComparison.Ordinal))))
        {
            throw new PublishException($"the project {owner}/{name} already exists on {gitlab.Name}; choose another name. Nothing was created or pushed", a);
        }
        catch (GitLabAnswer a) when (a.Status is 400 or 403 or 404 or 422)
        {
            throw new PublishException($"{gitlab.Name} did not create the project {owner}/{name} ({a.Status}: {a.Text}); nothing was created", a);
        }
        var created = new GitLabProject(
            project?["id"]?.GetValue<long>() ?? throw new PublishException($"{gitlab.Name} answered the new project {owner}/{name} without an id"),
            project["path_with_namespace"]?.GetValue<string>() ?? $"{owner}/{name}",
            project["http_url_to_repo"]?.GetValue<string>() ?? throw new PublishException($"{gitlab.Name} answered the new project {owner}/{name} without http_url_to_repo"),
            project["web_url"]?.GetValue<string>() ?? throw new PublishException($"{gitlab.Name} answered the new project {owner}/{name} without web_url"));
        log($"created {created.WebUrl} (project {created.Id})");
        return created;
    }

    /// <summary>Deletes a project this run created; the message says what is left when GitLab refuses.</summary>
    public static async Task<string> DeleteAsync(GitLabClient gitlab, GitLabProject project, Action<string> log, CancellationToken cancellationToken)
    {
        try
        {
            await gitlab.SendAsync(HttpMethod.Delete, $"projects/{project.Id}", null, $"delete the project {project.PathWithNamespace}", log, cancellationToken);
            log($"deleted the project {project.WebUrl} again, so no empty project is left");
            return $"the project {project.WebUrl} it created was deleted again, so nothing is left on {gitlab.Name}";
        }
        catch (Exception e) when (e is GitLabAnswer or PublishException)
        {
            var why = e is GitLabAnswer a ? $"{a.Status}: {a.Text}" : e.Message;
            return $"the project {project.WebUrl} (id {project.Id}) it created is left, empty, because deleting it failed ({why}); delete it or push to it by hand";
        }
    }
}
