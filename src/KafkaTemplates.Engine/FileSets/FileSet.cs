using System.Collections;

namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// The in-memory result of rendering: every file of the repo-to-be, ordered by path. Dry runs and the portal use
/// it as it is; the writer turns it into a folder in one move.
/// </summary>
public sealed class FileSet : IEnumerable<GeneratedFile>
{
    private readonly SortedDictionary<string, GeneratedFile> _files = new(StringComparer.Ordinal);

    public int Count => _files.Count;

    public IEnumerable<string> Paths => _files.Keys;

    public bool Contains(string path) => _files.ContainsKey(RepoPath.Normalize(path));

    public GeneratedFile? Find(string path) => _files.GetValueOrDefault(RepoPath.Normalize(path));

    public GeneratedFile this[string path] =>
        Find(path) ?? throw new KeyNotFoundException($"The file set has no file '{path}'.");

    /// <summary>Adds or replaces a file; the path is normalised and checked first.</summary>
    public void Put(GeneratedFile file)
    {
        var path = RepoPath.Normalize(file.Path);
        // A file and a folder cannot share a name.
        for (var parent = RepoPath.Parent(path); parent is not null; parent = RepoPath.Parent(parent))
        {
            if (_files.ContainsKey(parent))
                throw new UnsafePathException(path, $"'{parent}' is already a file, so it cannot also be a folder");
        }
        var prefix = path + "/";
        if (_files.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            throw new UnsafePathException(path, "a folder of that name already holds files");
        _files[path] = file with { Path = path };
    }

    public bool Remove(string path) => _files.Remove(RepoPath.Normalize(path));

    /// <summary>
    /// Two paths that a case-insensitive file system (macOS, Windows) reads as one: a repo holding both checks out
    /// there with one file silently lost. Null when every path is distinct there too.
    /// </summary>
    public (string First, string Second)? FirstNameClash()
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in _files.Keys)
        {
            if (seen.TryGetValue(path, out var other)) return (other, path);
            seen[path] = path;
        }
        return null;
    }

    public IReadOnlyList<string> Match(Glob glob) => _files.Keys.Where(glob.IsMatch).ToList();

    public FileSet Clone()
    {
        var copy = new FileSet();
        foreach (var (k, v) in _files) copy._files[k] = v;
        return copy;
    }

    public IEnumerator<GeneratedFile> GetEnumerator() => _files.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>
    /// Reads a folder from disk (a written repo, for the portal's zip). Links are not followed and special files are
    /// not opened: either would read bytes from outside the folder, or block.
    /// </summary>
    public static FileSet FromDirectory(string root, Func<string, bool>? include = null)
    {
        var set = new FileSet();
        if (!Directory.Exists(root)) return set;
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            foreach (var full in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
            {
                var rel = Path.GetRelativePath(root, full).Replace('\\', '/');
                switch (FileKinds.Of(full))
                {
                    case EntryKind.Folder:
                        folders.Push(full);
                        break;
                    case EntryKind.File when include is null || include(rel):
                        set._files[rel] = new GeneratedFile(rel, FileKinds.ReadRegularFile(full), RepoFileModes.Read(full));
                        break;
                    case EntryKind.Link or EntryKind.Special when include is null || include(rel):
                        throw new IOException($"'{full}' is a symbolic link or a special file; only files and folders are read");
                }
            }
        }
        return set;
    }
}
