using System.Collections.Concurrent;

namespace KafkaTemplates.Validation.Repo;

/// <summary>
/// Read access to the repo under validation by repo-relative path. Text is read once and shared by every rule.
/// </summary>
public sealed class RepoFiles(string root)
{
    private readonly ConcurrentDictionary<string, string?> _text = new(StringComparer.Ordinal);

    public string Root { get; } = Path.GetFullPath(root);

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public bool Exists(string relative) => File.Exists(FullPath(relative));

    public bool FolderExists(string relative) => Directory.Exists(FullPath(relative));

    /// <summary>The file's text, or null when it does not exist.</summary>
    public string? ReadText(string relative) =>
        _text.GetOrAdd(relative, r => File.Exists(FullPath(r)) ? File.ReadAllText(FullPath(r)) : null);

    public string[] ReadLines(string relative) => ReadText(relative)?.Split('\n') ?? [];

    /// <summary>Files below a folder whose names match a pattern, as repo-relative paths in ordinal order.</summary>
    public IReadOnlyList<string> List(string folder, string pattern, bool recursive = false)
    {
        var full = FullPath(folder);
        if (!Directory.Exists(full)) return [];
        return [.. Directory.EnumerateFiles(full, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
    }
}
