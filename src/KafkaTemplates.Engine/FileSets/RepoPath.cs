namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// Relative, forward-slash paths inside a generated repo. Every path that enters a <see cref="FileSet"/> passes
/// through <see cref="Normalize"/>, so no value can make the engine write outside the output folder.
/// </summary>
public static class RepoPath
{
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
            parts.Add(segment);
        }
        if (parts.Count == 0) { reason = "the path names the output folder itself"; return false; }
        normalized = string.Join('/', parts);
        return true;
    }

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
    : Exception($"Refusing path '{path}': {reason}.")
{
    public string Path { get; } = path;
}
