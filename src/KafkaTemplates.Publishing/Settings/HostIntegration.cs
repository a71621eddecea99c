namespace KafkaTemplates.Publishing.Settings;

/// <summary>
/// One git host the portal or CLI may publish to, as Backstage's <c>integrations</c> config has it: the host name
/// (with a port when not the default) that a template's <c>repoUrl</c> names, its API, and the token for both.
/// </summary>
/// <param name="ApiBaseUrl">GitHub: the server's base URL (the API is under <c>/api/v3/</c> for anything but api.github.com);
/// GitLab: the <c>/api/v4</c> URL.</param>
/// <param name="GitUserName">The user name sent with the token over git's HTTP (GitHub: x-access-token, GitLab: oauth2).</param>
public sealed record HostIntegration(HostKind Kind, string Host, Uri ApiBaseUrl, HostToken? Token, string GitUserName);
