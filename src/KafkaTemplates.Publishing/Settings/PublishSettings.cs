namespace KafkaTemplates.Publishing.Settings;

/// <summary>
/// Where publishing may go and with which tokens. Tokens come from the portal's or the CLI's environment only, never
/// from a template, a request or an answers file; a <c>token</c> input of a template is refused.
/// </summary>
public sealed record PublishSettings
{
    public const string GitHubTokenVariable = "GITHUB_TOKEN";
    public const string GitHubHostVariable = "GITHUB_HOST";
    public const string GitHubApiVariable = "GITHUB_API_URL";
    public const string GitLabTokenVariable = "GITLAB_TOKEN";
    public const string GitLabHostVariable = "GITLAB_HOST";
    public const string GitLabApiVariable = "GITLAB_API_URL";
    public const string GitTokenVariable = "KAFKA_TEMPLATES_GIT_TOKEN";
    public const string GitUserVariable = "KAFKA_TEMPLATES_GIT_USER";
    public const string CatalogUrlVariable = "KAFKA_TEMPLATES_CATALOG_URL";
    public const string CatalogTokenVariable = "KAFKA_TEMPLATES_CATALOG_TOKEN";
    public const string RetryDelayVariable = "KAFKA_TEMPLATES_HOST_RETRY_DELAY_MS";

    public IReadOnlyList<HostIntegration> Hosts { get; init; } = [];

    /// <summary>The token <c>publish:git</c> sends to any remote, with its user name; null: push without one.</summary>
    public (string UserName, HostToken Token)? PlainGit { get; init; }

    public CatalogIntegration? Catalog { get; init; }

    public RetryPolicy Retry { get; init; } = new();

    public HostIntegration? Find(HostKind kind, string host) =>
        Hosts.FirstOrDefault(h => h.Kind == kind && string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>The settings a process's environment gives (see the README's sections on each host).</summary>
    public static PublishSettings FromEnvironment(IReadOnlyDictionary<string, string> variables)
    {
        string? Get(string name) => variables.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var hosts = new List<HostIntegration>();

        var gitHubHost = Get(GitHubHostVariable) ?? "github.com";
        var gitHubApi = Get(GitHubApiVariable) ?? (gitHubHost == "github.com" ? "https://api.github.com" : $"https://{gitHubHost}");
        hosts.Add(new HostIntegration(HostKind.GitHub, gitHubHost, Url(gitHubApi, GitHubApiVariable), Token(Get(GitHubTokenVariable)), "x-access-token"));

        var gitLabHost = Get(GitLabHostVariable) ?? "gitlab.com";
        var gitLabApi = Get(GitLabApiVariable) ?? $"https://{gitLabHost}/api/v4";
        hosts.Add(new HostIntegration(HostKind.GitLab, gitLabHost, Url(gitLabApi, GitLabApiVariable), Token(Get(GitLabTokenVariable)), "oauth2"));

        var delay = Get(RetryDelayVariable) is { } ms && int.TryParse(ms, out var parsed) && parsed >= 0 ? TimeSpan.FromMilliseconds(parsed) : (TimeSpan?)null;
        return new PublishSettings
        {
            Hosts = hosts,
            PlainGit = Get(GitTokenVariable) is { } gitToken ? (Get(GitUserVariable) ?? "git", new HostToken(gitToken)) : null,
            Catalog = Get(CatalogUrlVariable) is { } catalog ? new CatalogIntegration(Url(catalog, CatalogUrlVariable), Token(Get(CatalogTokenVariable))) : null,
            Retry = delay is { } d ? new RetryPolicy { FirstDelay = d } : new RetryPolicy(),
        };
    }

    private static HostToken? Token(string? value) => value is null ? null : new HostToken(value);

    private static Uri Url(string value, string variable) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
        : throw new PublishException($"{variable} must be an http(s) URL, not '{value}'");
}
