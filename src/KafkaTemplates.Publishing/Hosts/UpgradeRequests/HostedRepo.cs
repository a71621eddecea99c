using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Hosts.UpgradeRequests;

/// <summary>
/// A repository on one of the configured git hosts, as a fleet upgrade names it: a web or clone URL
/// (<c>https://github.com/acme/payments-kafka</c>, <c>https://gitlab.com/acme/data/streams.git</c>) or Backstage's
/// repoUrl (<c>github.com?owner=acme&amp;repo=payments-kafka</c>). Only hosts the settings hold a token for are
/// accepted, so a request can never point the tool's token at a host of its choosing.
/// </summary>
public sealed record HostedRepo(HostIntegration Integration, string Path)
{
    /// <summary>How the repo is named in lines, tables and task events: host and path, never a token.</summary>
    public string Display => $"{Integration.Host}/{Path}";

    public override string ToString() => Display;

    public static HostedRepo Parse(string text, PublishSettings settings)
    {
        text = text.Trim();
        string host, path;
        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                throw new PublishException($"'{text}' is not a repository URL; give https://<host>/<owner>/<name> or <host>?owner=<owner>&repo=<name>");
            if (uri.UserInfo.Length > 0)
                throw new PublishException($"the repository URL {Git.RepoPusher.Display(uri)} carries a user name or password; give the token in the environment instead");
            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
                throw new PublishException($"'{text}' has a query or fragment; give https://<host>/<owner>/<name>");
            host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
            path = Uri.UnescapeDataString(uri.AbsolutePath).Trim('/');
            if (path.EndsWith(".git", StringComparison.Ordinal)) path = path[..^4];
        }
        else if (text.Contains('?', StringComparison.Ordinal))
        {
            var repoUrl = RepoUrl.Parse(text, "repo");
            (host, path) = (repoUrl.Host, $"{repoUrl.Owner}/{repoUrl.Repo}");
        }
        else
        {
            throw new PublishException($"'{text}' is not a repository; give https://<host>/<owner>/<name> or <host>?owner=<owner>&repo=<name>");
        }

        var segments = path.Split('/');
        if (segments.Length < 2 || !segments.All(IsName))
            throw new PublishException($"'{text}' does not name a repository as <owner>/<name> (letters, digits, '.', '-' and '_')");
        var integration = settings.Hosts.FirstOrDefault(h => h.Kind is HostKind.GitHub or HostKind.GitLab && string.Equals(h.Host, host, StringComparison.OrdinalIgnoreCase))
            ?? throw new PublishException($"'{text}' is on the host '{host}', which is neither the configured GitHub host ({Hosts(settings, HostKind.GitHub)}) nor the GitLab host ({Hosts(settings, HostKind.GitLab)}); set {PublishSettings.GitHubHostVariable} and {PublishSettings.GitHubApiVariable}, or {PublishSettings.GitLabHostVariable} and {PublishSettings.GitLabApiVariable}");
        if (integration.Kind == HostKind.GitHub && segments.Length != 2)
            throw new PublishException($"'{text}': a GitHub repository is <owner>/<name>, not '{path}'");
        if (integration.Token is null)
            throw new PublishException(integration.Kind == HostKind.GitHub
                ? $"no token for GitHub at {integration.Host}: set {PublishSettings.GitHubTokenVariable} (scope repo; public_repo for public repositories only)"
                : $"no token for GitLab at {integration.Host}: set {PublishSettings.GitLabTokenVariable} (a personal, group or project access token with the scope 'api')");
        return new HostedRepo(integration, path);
    }

    private static string Hosts(PublishSettings settings, HostKind kind) =>
        string.Join(", ", settings.Hosts.Where(h => h.Kind == kind).Select(h => h.Host));

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 100 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
