using System.Web;

namespace KafkaTemplates.Publishing.Hosts;

/// <summary>
/// Backstage's <c>repoUrl</c>: <c>host?owner=org&amp;repo=name</c> (GitLab also takes <c>group.sub</c> owners and
/// <c>project</c>), as the RepoUrlPicker writes it. Parsed as Backstage's parseRepoUrl does.
/// </summary>
internal sealed record RepoUrl(string Host, string Owner, string Repo)
{
    public static RepoUrl Parse(string value, string input = "repoUrl")
    {
        var question = value.IndexOf('?');
        if (question <= 0)
            throw new PublishException($"input '{input}' must look like host?owner=<owner>&repo=<name>, not '{value}'");
        var host = value[..question];
        var query = HttpUtility.ParseQueryString(value[(question + 1)..]);
        var owner = query["owner"] ?? query["organization"] ?? query["workspace"];
        var repo = query["repo"];
        if (host.Contains('/') || host.Contains('@') || Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
            throw new PublishException($"input '{input}' names the host '{host}', which is not a host name");
        if (string.IsNullOrEmpty(owner)) throw new PublishException($"input '{input}' has no owner: add &owner=<user or organisation>");
        if (string.IsNullOrEmpty(repo)) throw new PublishException($"input '{input}' has no repo: add &repo=<name>");
        if (!IsName(repo)) throw new PublishException($"input '{input}': '{repo}' is not a repository name (letters, digits, '.', '-' and '_')");
        if (!owner.Split('/').All(IsName)) throw new PublishException($"input '{input}': '{owner}' is not a user, organisation or group path");
        return new RepoUrl(host, owner, repo);
    }

    private static bool IsName(string name) =>
        name.Length is > 0 and <= 100 && name is not "." and not ".." && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
