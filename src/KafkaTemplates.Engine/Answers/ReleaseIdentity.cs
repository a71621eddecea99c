using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Engine.Answers;

/// <summary>
/// The Helm release and namespace a deployment repo is installed as, and validated as. One rule for every command:
/// the release is the one asked for, else the repo's <c>name</c> answer, else the repo's folder name; the namespace
/// is the one asked for, else the <c>namespace</c> answer, else the release.
/// </summary>
public sealed partial record ReleaseIdentity(string Release, string Namespace)
{
    /// <summary>Helm keeps release names to 53 characters, so that the names it derives fit in 63.</summary>
    public const int MaxReleaseLength = 53;

    /// <param name="answers">The answers a repo records (its answers file's <c>answers</c>), if any.</param>
    /// <param name="repoName">The repo's folder name, the last default for the release.</param>
    /// <param name="release">A release asked for explicitly; it wins over the answers.</param>
    /// <param name="namespace">A namespace asked for explicitly; it wins over the answers.</param>
    /// <exception cref="ReleaseIdentityException">The chosen release or namespace is not a valid name; the message says where it came from.</exception>
    public static ReleaseIdentity Derive(JsonObject? answers, string? repoName, string? release = null, string? @namespace = null)
    {
        var (chosenRelease, releaseFrom) =
            release is not null ? (release, "") :
            Text(answers?["name"]) is { Length: > 0 } name ? (name, " (the repo's name answer)") :
            (repoName ?? "", " (the repo's folder name)");
        if (!IsReleaseName(chosenRelease))
            throw new ReleaseIdentityException(
                $"'{chosenRelease}'{releaseFrom} cannot be a release name (lower-case letters, digits and '-', at most {MaxReleaseLength}): give one with {Setting.Release}");
        var (chosenNamespace, namespaceFrom) =
            @namespace is not null ? (@namespace, "") :
            Text(answers?["namespace"]) is { Length: > 0 } ns ? (ns, " (the repo's namespace answer)") :
            (chosenRelease, "");
        if (!IsNamespace(chosenNamespace))
            throw new ReleaseIdentityException(
                $"'{chosenNamespace}'{namespaceFrom} is not a valid namespace name (lower-case letters, digits and '-', at most 63): give one with {Setting.Namespace}");
        return new ReleaseIdentity(chosenRelease, chosenNamespace);
    }

    public static bool IsReleaseName(string name) => name.Length <= MaxReleaseLength && Dns1123Label().IsMatch(name);

    public static bool IsNamespace(string name) => Dns1123Label().IsMatch(name);

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();
}

/// <summary>A release or namespace that Kubernetes would refuse.</summary>
public sealed class ReleaseIdentityException(string message) : Exception(message);
