namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>A repository to create on GitHub, with the settings publish:github takes (Backstage's names in comments).</summary>
internal sealed record GitHubRepoRequest
{
    public required RepoUrl Repo { get; init; }
    public string? Description { get; init; }
    public string? Homepage { get; init; }
    /// <summary>repoVisibility: private, internal or public.</summary>
    public string Visibility { get; init; } = "private";
    /// <summary>access: owner/team-slug or a user, given admin access.</summary>
    public string? Access { get; init; }
    public IReadOnlyList<(string? User, string? Team, string Access)> Collaborators { get; init; } = [];
    public IReadOnlyList<string> Topics { get; init; } = [];
    public bool? HasIssues { get; init; }
    public bool? HasWiki { get; init; }
    public bool? HasProjects { get; init; }
    public bool? AllowMergeCommit { get; init; }
    public bool? AllowSquashMerge { get; init; }
    public bool? AllowRebaseMerge { get; init; }
    public bool? AllowAutoMerge { get; init; }
    public bool? DeleteBranchOnMerge { get; init; }
    /// <summary>squashMergeCommitTitle: PR_TITLE or COMMIT_OR_PR_TITLE; null leaves GitHub's default.</summary>
    public string? SquashMergeCommitTitle { get; init; }
    /// <summary>squashMergeCommitMessage: PR_BODY, COMMIT_MESSAGES or BLANK; null leaves GitHub's default.</summary>
    public string? SquashMergeCommitMessage { get; init; }
    /// <summary>repoVariables: GitHub Actions variables of the repository, by name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Variables { get; init; } = [];
    /// <summary>secrets: GitHub Actions secrets of the repository, by name; values are never logged.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Secrets { get; init; } = [];
    /// <summary>oidcCustomization: the OIDC subject claim of the repository's Actions, or null to leave it.</summary>
    public GitHubOidcCustomization? OidcCustomization { get; init; }
    /// <summary>customProperties: the organisation's custom properties to set on the repository, by name.</summary>
    public IReadOnlyList<KeyValuePair<string, System.Text.Json.Nodes.JsonNode?>> CustomProperties { get; init; } = [];
    /// <summary>subscribe: watch the repository as the token's user.</summary>
    public bool Subscribe { get; init; }
}
