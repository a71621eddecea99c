using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// The git URLs and tags a template source may name. A source comes from an answers file or a command line, so it is
/// untrusted: only plain transports are accepted (https, http, ssh, file, and scp-style user@host:path), and nothing
/// git could read as an option or as a command (a leading dash, ext::, fd::, control characters).
/// </summary>
public static partial class GitSourceRules
{
    public const string AcceptedForms = "https://host/path, http://host/path, ssh://[user@]host/path, user@host:path or file:///absolute/path";

    /// <summary>Transports git may use for a template source (GIT_ALLOW_PROTOCOL takes the same list).</summary>
    public const string AllowedProtocols = "https:http:ssh:file";

    /// <summary>Null when <paramref name="url"/> is acceptable, else what is wrong with it.</summary>
    public static string? ProblemWithUrl(string url)
    {
        if (url.Length == 0) return "the URL is empty";
        if (url.Length > 2048) return "the URL is longer than 2048 characters";
        if (url.StartsWith('-')) return "the URL starts with '-', which git would read as an option";
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return "the URL holds a space or a control character";
        if (url.Contains("::", StringComparison.Ordinal)) return "the URL names a git remote helper (such as ext:: or fd::), which could run commands";
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var name = url[..scheme].ToLowerInvariant();
            if (name is not ("https" or "http" or "ssh" or "file")) return $"the transport '{name}' is not accepted";
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "the URL does not parse";
            if (name == "file")
            {
                if (uri.Host.Length > 0) return "a file URL must name no host (file:///absolute/path)";
                return null;
            }
            if (uri.Host.Length == 0 || uri.Host.StartsWith('-')) return "the URL names no host, or a host that starts with '-'";
            if (uri.UserInfo.StartsWith('-')) return "the user name starts with '-'";
            return null;
        }
        // scp-style: [user@]host:path, the form ssh hosts print.
        var match = ScpLike().Match(url);
        if (!match.Success) return "the URL is none of the accepted forms";
        return null;
    }

    /// <summary>Null when <paramref name="tag"/> is a plain tag name (git check-ref-format rules, stricter), else why not.</summary>
    public static string? ProblemWithTag(string tag)
    {
        if (tag.Length == 0) return "the tag is empty";
        if (tag.Length > 255) return "the tag is longer than 255 characters";
        if (!TagCharacters().IsMatch(tag)) return "a tag may hold letters, digits, '.', '_', '+', '-' and '/', and must start with a letter, digit, '_' or '+'";
        if (tag.Contains("..", StringComparison.Ordinal) || tag.Contains("//", StringComparison.Ordinal) || tag.Contains("/.", StringComparison.Ordinal)
            || tag.EndsWith('/') || tag.EndsWith('.') || tag.EndsWith(".lock", StringComparison.Ordinal))
            return "the tag is not a valid git tag name";
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9._-]*@[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9_~./][^:]*$|^[A-Za-z0-9][A-Za-z0-9.-]*:[A-Za-z0-9_~.][^:]*$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^[A-Za-z0-9_+][A-Za-z0-9._+/-]*$")]
    private static partial Regex TagCharacters();
}
