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

/// <summary>A project publish:gitlab pushes to: its id and URLs, and whether this run created it.</summary>
internal sealed record GitLabProject(long Id, string PathWithNamespace, string HttpUrlToRepo, string WebUrl, bool Created = true, bool Empty = true, string? DefaultBranch = null);

/// <summary>
/// The project calls of publish:gitlab, as Backstage makes them: the namespace (a group, subgroup or user) is looked
/// up by its path and the project is created in it with <c>POST /projects</c>. A name that is taken is looked up
/// (<c>GET /projects/:path</c>): a project that is still empty (<c>empty_repo</c>, left by a run whose push failed) is
/// taken over so a rerun finishes the job; one with commits is refused, or with <c>skipExisting</c> returned as it is.
/// </summary>
internal static class GitLabProjects
{
    public static async Task<GitLabProject> CreateAsync(GitLabClient gitlab, GitLabProjectRequest request, bool skipExisting, Action<string> log, CancellationToken cancellationToken)
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
        var fullPath = $"{space["full_path"]?.GetValue<string>() ?? owner}/{body["path"]!.GetValue<string>()}";
        JsonNode? project;
        try
        {
            project = await gitlab.SendAsync(HttpMethod.Post, "projects", body, $"create the project {owner}/{name}", log, cancellationToken);
        }
        catch (GitLabAnswer a) when (a.Status == 400 && (a.FieldErrors("name").Concat(a.FieldErrors("path")).Any(e => e.Contains("has already been taken", StringComparison.Ordinal))))
        {
            var existing = await ExistingAsync(gitlab, fullPath, log, cancellationToken);
            if (existing.Empty)
            {
                log($"{existing.WebUrl} exists and is empty (an earlier run created it and could not push); finishing it");
                return existing;
            }
            if (skipExisting)
            {
                log($"{existing.WebUrl} exists already; skipExisting is set, so nothing is pushed");
                return existing;
            }
            throw new PublishException($"the project {fullPath} already exists on {gitlab.Name} ({existing.WebUrl}) and holds commits; choose another name. Nothing was created or pushed", a);
        }
        catch (GitLabAnswer a) when (a.Status is 400 or 403 or 404 or 422)
        {
            throw new PublishException($"{gitlab.Name} did not create the project {owner}/{name} ({a.Status}: {a.Text}); nothing was created", a);
        }
        var created = Read(gitlab, project, $"{owner}/{name}") with { Created = true, Empty = true };
        log($"created {created.WebUrl} (project {created.Id})");
        return created;
    }

    private static async Task<GitLabProject> ExistingAsync(GitLabClient gitlab, string fullPath, Action<string> log, CancellationToken cancellationToken)
    {
        var project = await gitlab.SendAsync(HttpMethod.Get, "projects/" + Uri.EscapeDataString(fullPath), null, $"read the project {fullPath}", log, cancellationToken);
        return Read(gitlab, project, fullPath) with
        {
            Created = false,
            // GitLab's empty_repo is true until the first push; a project without it is taken to hold commits.
            Empty = project?["empty_repo"]?.GetValue<bool>() ?? false,
        };
    }

    private static GitLabProject Read(GitLabClient gitlab, JsonNode? project, string what) => new(
        project?["id"]?.GetValue<long>() ?? throw new PublishException($"{gitlab.Name} answered the project {what} without an id"),
        project["path_with_namespace"]?.GetValue<string>() ?? what,
        project["http_url_to_repo"]?.GetValue<string>() ?? throw new PublishException($"{gitlab.Name} answered the project {what} without http_url_to_repo"),
        project["web_url"]?.GetValue<string>() ?? throw new PublishException($"{gitlab.Name} answered the project {what} without web_url"),
        DefaultBranch: project["default_branch"]?.GetValue<string>());
}
