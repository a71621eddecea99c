namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// Relative, forward-slash paths inside a generated repo. Every path that enters a <see cref="FileSet"/> passes
/// through <see cref="Normalize"/>, so no value can make the engine write outside the output folder, into the repo's
/// <c>.git</c> folder, or a name no file system takes.
/// </summary>
public static class RepoPath
{
    /// <summary>The longest name of one file or folder, in UTF-8 bytes, that Linux, macOS and Windows file systems take.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The longest path inside a repo, in UTF-8 bytes: what is left of PATH_MAX for the folder the repo is in.</summary>
    public const int MaxPathBytes = 1024;

    public static string Normalize(string path, string? what = null)
    {
        if (!TryNormalize(path, out var normalized, out var reason))
            throw new UnsafePathException(path, what is null ? reason : $"{what}: {reason}");
        return normalized;
    }

    public static bool TryNormalize(string path, out string normalized, out string reason)
    {
        normalized = "";
        reason = "";
        var p = path.Replace('\\', '/');
        if (p.Length == 0) { reason = "the path is empty"; return false; }
        if (p.StartsWith('/') || (p.Length >= 2 && p[1] == ':')) { reason = "the path is absolute"; return false; }
        var parts = new List<string>();
        foreach (var segment in p.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..") { reason = "the path leaves the output folder (..)"; return false; }
            if (segment.Any(c => c < 0x20 || c == 0x7f)) { reason = "the path contains a control character"; return false; }
            if (IsGitFolder(segment))
            {
                // .git/config and .git/hooks name commands git runs: a template that wrote there would run them.
                reason = "the path goes into .git, the repository's own folder, which a template may not write";
                return false;
            }
            if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxNameBytes)
            {
                reason = $"a name in the path is longer than {MaxNameBytes} bytes, the most a file system takes";
                return false;
            }
            parts.Add(segment);
        }
        if (parts.Count == 0) { reason = "the path names the output folder itself"; return false; }
        normalized = string.Join('/', parts);
        if (System.Text.Encoding.UTF8.GetByteCount(normalized) > MaxPathBytes)
        {
            reason = $"the path is longer than {MaxPathBytes} bytes, the most a repo path may be";
            return false;
        }
        return true;
    }

    /// <summary>
    /// Whether a name is <c>.git</c> as some file system or git itself reads it: in any letter case (macOS, Windows),
    /// with trailing dots or spaces (Windows drops them), with characters HFS+ ignores, or as its short name GIT~1.
    /// </summary>
    public static bool IsGitFolder(string name)
    {
        var visible = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
            if (!IsHfsIgnorable(c)) visible.Append(c);
        var folded = visible.ToString().TrimEnd('.', ' ');
        return folded.Equals(".git", StringComparison.OrdinalIgnoreCase) || folded.Equals("git~1", StringComparison.OrdinalIgnoreCase);
    }

    // The code points HFS+ leaves out when it compares names (the list git's verify_path uses).
    private static bool IsHfsIgnorable(char c) =>
        c is '\u200c' or '\u200d' or '\u200e' or '\u200f' or '\ufeff' or (>= '\u202a' and <= '\u202e') or (>= '\u206a' and <= '\u206f');

    /// <summary>Joins a base folder (relative, may be "." or "./") and a relative path.</summary>
    public static string Combine(string baseFolder, string relative)
    {
        var b = baseFolder.Replace('\\', '/').Trim('/');
        if (b is "" or ".") return relative;
        return b + "/" + relative;
    }

    public static string? Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i < 0 ? null : path[..i];
    }
}

public sealed class UnsafePathException(string path, string reason)
    : Exception($"Refusing path '{Yaml.InputLimits.Default.Quote(path)}': {reason}.")
{
    public string Path { get; } = path;
}
