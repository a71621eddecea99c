using System.Collections.Concurrent;
using KafkaTemplates.Engine.FileSets;

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

    /// <summary>
    /// The file's text, or null when it does not exist. A repo under validation may come from a pull request, so a
    /// FIFO or device is refused (reading it would block) and so is a link that leads out of the repo (it would
    /// read, and report, a file of the machine).
    /// </summary>
    public string? ReadText(string relative) => _text.GetOrAdd(relative, r =>
    {
        var full = FullPath(r);
        switch (FileKinds.Of(full))
        {
            case EntryKind.Missing or EntryKind.Folder:
                return null;
            case EntryKind.Special:
                throw new InvalidRepoException($"'{r}' is a FIFO, socket or device, not a file; replace it with the file the repo needs");
            case EntryKind.Link:
                var target = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName;
                if (target is null || !target.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    throw new InvalidRepoException($"'{r}' is a symbolic link that leads out of the repo; replace it with the file itself");
                if (FileKinds.Of(target) != EntryKind.File) return null;
                return File.ReadAllText(target);
            default:
                return File.ReadAllText(full);
        }
    });

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
