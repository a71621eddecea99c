using System.Text;

namespace KafkaTemplates.Upgrades.Sources;

/// <summary>
/// A user name and token for one git run over HTTP(S), sent as a Basic authorization header (GitHub takes
/// <c>x-access-token</c>, GitLab <c>oauth2</c>, any name with a personal access token). It prints as its user name
/// only, so a log or an exception can never show the token.
/// </summary>
public sealed class GitCredentials(string userName, string token)
{
    public string UserName { get; } = userName;

    internal string Header => "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{token}"));

    public override string ToString() => $"{UserName}:***";
}
