using KafkaTemplates.Publishing.Hosts;

namespace KafkaTemplates.Publishing.Git;

/// <summary>Reads what git printed when it could not talk to a remote: worth asking again, or a refusal to report.</summary>
internal static class GitRemoteFailure
{
    private static readonly string[] Unreachable =
    [
        "Could not resolve host", "Failed to connect", "Connection refused", "Connection timed out", "Connection reset",
        "Operation timed out", "The requested URL returned error: 500", "The requested URL returned error: 502",
        "The requested URL returned error: 503", "The requested URL returned error: 504", "The requested URL returned error: 429",
        "remote end hung up unexpectedly", "did not finish within",
    ];

    public static TransientFailure? Classify(Exception e) =>
        e is GitCommandException git && Unreachable.Any(u => git.Error.Contains(u, StringComparison.OrdinalIgnoreCase))
            ? new TransientFailure("did not answer git (" + git.LastLine + ")")
            : null;

    public static bool IsAuthentication(string error) =>
        error.Contains("Authentication failed", StringComparison.OrdinalIgnoreCase)
        || error.Contains("returned error: 401", StringComparison.Ordinal)
        || error.Contains("returned error: 403", StringComparison.Ordinal)
        || error.Contains("could not read Username", StringComparison.Ordinal);

    public static bool IsRejected(string error) =>
        error.Contains("[rejected]", StringComparison.Ordinal) || error.Contains("[remote rejected]", StringComparison.Ordinal);
}

/// <summary>A git command that ended with an error; <see cref="Error"/> is what git printed (it never holds the token).</summary>
internal sealed class GitCommandException(string command, int exitCode, string error)
    : Exception($"git {command} failed (exit {exitCode}): {LastLineOf(error)}")
{
    public string Error { get; } = error;

    public string LastLine => LastLineOf(Error);

    private static string LastLineOf(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
}
