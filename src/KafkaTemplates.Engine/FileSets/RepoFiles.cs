using System.Collections.Concurrent;
using System.IO.Enumeration;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// A repo's files wherever they live: a <see cref="FileSet"/> just rendered in memory, or a folder on disk. Checks
/// read through it by repo-relative path, so they run the same on a dry run and on a written repo; tools that need
/// real files (helm, promtool) ask for <see cref="OnDisk"/>, which costs a temporary copy only for files in memory.
/// Reads from disk are held to <see cref="InputLimits.MaxBytes"/>, and text is read once and shared.
/// </summary>
public abstract class RepoFiles
{
    private readonly ConcurrentDictionary<string, string?> _text = new(StringComparer.Ordinal);

    /// <summary>The repo's name: its folder's name.</summary>
    public abstract string Name { get; }

    /// <summary>The folder the files are in or will be written to, when known; relative template sources resolve against it.</summary>
    public abstract string? Folder { get; }

    public abstract bool Exists(string path);

    /// <summary>True when some file lies below <paramref name="path"/>.</summary>
    public abstract bool FolderExists(string path);

    /// <summary>The file's mode, or null when it does not exist.</summary>
    public abstract RepoFileMode? Mode(string path);

    /// <summary>Files below a folder whose names match a pattern (<c>*.yaml</c>), as repo-relative paths in ordinal order.</summary>
    public abstract IReadOnlyList<string> List(string folder, string pattern, bool recursive = false);

    /// <summary>The file's bytes, or null when it does not exist (or is a folder).</summary>
    /// <exception cref="InputLimitException">A file on disk larger than the input limits.</exception>
    /// <exception cref="RepoFileException">A FIFO, socket or device, or a link that leads out of the repo.</exception>
    public abstract byte[]? ReadBytes(string path);

    /// <summary>Files with unresolved conflict markers, and .rej files, in path order (see <see cref="ConflictMarkers"/>).</summary>
    public abstract IReadOnlyList<UnresolvedConflict> Conflicts();

    /// <summary>The file's text, or null when it does not exist.</summary>
    public string? ReadText(string path) =>
        _text.GetOrAdd(path, p => ReadBytes(p) is { } bytes ? BoundedFile.Decode(bytes) : null);

    public string[] ReadLines(string path) => ReadText(path)?.Split('\n') ?? [];

    /// <summary>The file read by the one YAML reader, marks naming it by its repo path; null when it does not exist.</summary>
    /// <exception cref="YamlFormatException">The file does not parse, or is over the input limits.</exception>
    public YamlDocument? ReadYaml(string path) => ReadBytes(path) is { } bytes ? YamlReader.Read(BoundedFile.DecodeYaml(bytes, path), path) : null;

    /// <summary>The files whose paths are given, those that exist, as a file set (an upgrade's "ours").</summary>
    public FileSet Select(IEnumerable<string> paths)
    {
        var set = new FileSet();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
            if (ReadBytes(path) is { } bytes) set.Put(new GeneratedFile(path, bytes, Mode(path) ?? RepoFileMode.Regular));
        return set;
    }

    /// <summary>
    /// A folder on disk that holds these files (at least those below <paramref name="subfolder"/>), for tools that
    /// read files: the repo's own folder, or a temporary copy removed when the result is disposed.
    /// </summary>
    public abstract DiskCopy OnDisk(string subfolder);

    /// <summary>
    /// The name a repo in <paramref name="folder"/> goes by: the folder's own name. Every front door names a repo (and
    /// defaults its name answer and release, see <see cref="Answers.ReleaseIdentity"/>) by this one rule.
    /// </summary>
    public static string FolderName(string folder) => Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar));

    public static RepoFiles InFolder(string root) => new FolderFiles(Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar));

    /// <param name="files">The rendered files.</param>
    /// <param name="name">The repo's name (the folder it would be written to).</param>
    /// <param name="folder">Where it would be written, when known.</param>
    public static RepoFiles InMemory(FileSet files, string name, string? folder = null) => new MemoryFiles(files, name, folder);

    /// <summary>The most entries <see cref="CheckStaysInside"/> looks at in one folder tree.</summary>
    public const int MaxCheckedEntries = 100_000;

    /// <summary>
    /// Refuses a folder of a repo on disk that a tool would read through a link out of the repo: the folder itself,
    /// a folder on the way to it, or a link anywhere below it. FIFOs and devices below it are refused too.
    /// </summary>
    /// <exception cref="RepoFileException">The first such entry, named by its repo path.</exception>
    public static void CheckStaysInside(string root, string subfolder)
    {
        root = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var start = Path.Combine(root, subfolder.Replace('/', Path.DirectorySeparatorChar));
        string Shown(string full) => Path.GetRelativePath(root, full).Replace(Path.DirectorySeparatorChar, '/');
        if (FileKinds.Of(start) is EntryKind.Missing) return;
        if (FileKinds.LeavesFolder(root, start))
            throw new RepoFileException($"'{Shown(start)}' leads out of the repo through a symbolic link; replace the link with the folder itself");
        var pending = new Stack<string>([start]);
        var seen = 0;
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            if (FileKinds.Of(folder) is not EntryKind.Folder) continue;
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (++seen > MaxCheckedEntries)
                    throw new RepoFileException($"'{Shown(start)}' holds more than {MaxCheckedEntries:N0} files and folders, the most this tool reads");
                switch (FileKinds.Of(entry))
                {
                    case EntryKind.Folder: pending.Push(entry.FullName); break;
                    case EntryKind.Special: throw new RepoFileException($"'{Shown(entry.FullName)}' is a FIFO, socket or device, not a file; replace it with the file the repo needs");
                    case EntryKind.Link when FileKinds.LeavesFolder(root, entry.FullName):
                        throw new RepoFileException($"'{Shown(entry.FullName)}' is a symbolic link that leads out of the repo; replace it with the file or folder itself");
                }
            }
        }
    }

    private static bool Matches(string pattern, string path) => FileSystemName.MatchesSimpleExpression(pattern, path.AsSpan(path.LastIndexOf('/') + 1));

    private sealed class FolderFiles(string root) : RepoFiles
    {
        public override string Name => FolderName(root);

        public override string? Folder => root;

        private string Full(string path) => Path.Combine(root, path.Replace('/', Path.DirectorySeparatorChar));

        public override bool Exists(string path) => File.Exists(Full(path));

        public override bool FolderExists(string path) => Directory.Exists(Full(path));

        public override RepoFileMode? Mode(string path)
        {
            var full = Full(path);
            // A regular file's mode from one statx (an upgrade asks this of every file of every repo); a link, by the
            // file it leads to, as before.
            if (FileKinds.Stat(full) is { Kind: EntryKind.File } stat) return RepoFileModes.FromUnix((UnixFileMode)stat.Permissions);
            return File.Exists(full) ? RepoFileModes.Read(full) : null;
        }

        public override IReadOnlyList<string> List(string folder, string pattern, bool recursive = false)
        {
            var full = Full(folder);
            if (!Directory.Exists(full)) return [];
            return [.. Directory.EnumerateFiles(full, pattern, recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Order(StringComparer.Ordinal)];
        }

        /// <summary>
        /// A repo on disk may come from a pull request: a FIFO or device is refused (reading it would block), and so
        /// is a path that leads out of the repo through a link, at the file or at a folder on the way (it would read,
        /// and report, a file of the machine).
        /// </summary>
        public override byte[]? ReadBytes(string path)
        {
            var full = Full(path);
            var kind = FileKinds.Of(full);
            if (kind is EntryKind.Missing) return null;
            if (LeavesRepo(full))
                throw new RepoFileException(kind is EntryKind.Link
                    ? $"'{path}' is a symbolic link that leads out of the repo; replace it with the file itself"
                    : $"'{path}' leads out of the repo through a symbolic link to a folder on the way; replace the link with the folder itself");
            switch (kind)
            {
                case EntryKind.Folder:
                    return null;
                case EntryKind.Special:
                    throw new RepoFileException($"'{path}' is a FIFO, socket or device, not a file; replace it with the file the repo needs");
                case EntryKind.Link:
                    var target = File.ResolveLinkTarget(full, returnFinalTarget: true)!.FullName;
                    return FileKinds.Of(target) == EntryKind.File ? BoundedFile.ReadBytes(target, path) : null;
                default:
                    return BoundedFile.ReadBytes(full, path);
            }
        }

        /// <summary>The repo folder's own real path, resolved once: reading a repo resolves only the parts below it.</summary>
        private readonly Lazy<string?> _realRoot = new(() => FileKinds.RealPath(root));

        private bool LeavesRepo(string full)
        {
            var normalized = Path.GetFullPath(full);
            var prefix = root + Path.DirectorySeparatorChar;
            return _realRoot.Value is not { } realRoot || !normalized.StartsWith(prefix, StringComparison.Ordinal)
                ? FileKinds.LeavesFolder(root, full)
                : FileKinds.LeavesResolvedFolder(realRoot, normalized[prefix.Length..]);
        }

        public override IReadOnlyList<UnresolvedConflict> Conflicts() => ConflictMarkers.InFolder(root);

        /// <summary>Tools (helm, promtool) follow links: the folder they get holds none that leads out of the repo.</summary>
        public override DiskCopy OnDisk(string subfolder)
        {
            CheckStaysInside(root, subfolder);
            return new(root, null);
        }
    }

    private sealed class MemoryFiles(FileSet files, string name, string? folder) : RepoFiles
    {
        public override string Name => name;

        public override string? Folder => folder;

        public override bool Exists(string path) => files.Contains(path);

        public override bool FolderExists(string path)
        {
            var prefix = path.TrimEnd('/') + "/";
            return files.Paths.Any(p => p.StartsWith(prefix, StringComparison.Ordinal));
        }

        public override RepoFileMode? Mode(string path) => files.Find(path)?.Mode;

        public override IReadOnlyList<string> List(string folder, string pattern, bool recursive = false)
        {
            var prefix = folder.TrimEnd('/') + "/";
            return [.. files.Paths
                .Where(p => p.StartsWith(prefix, StringComparison.Ordinal) && (recursive || !p[prefix.Length..].Contains('/')) && Matches(pattern, p))
                .Order(StringComparer.Ordinal)];
        }

        public override byte[]? ReadBytes(string path) => files.Find(path)?.Content.ToArray();

        public override IReadOnlyList<UnresolvedConflict> Conflicts() =>
        [
            .. files.Where(f => f.Path.EndsWith(".rej", StringComparison.Ordinal)).Select(f => new UnresolvedConflict(f.Path, [], IsRejectFile: true))
                .Concat(files.Select(f => new UnresolvedConflict(f.Path, ConflictMarkers.Find(f.Content.Span))).Where(c => c.Lines.Count > 0))
                .OrderBy(c => c.Path, StringComparer.Ordinal),
        ];

        public override DiskCopy OnDisk(string subfolder)
        {
            var root = Path.Combine(Path.GetTempPath(), $"kafka-templates-{Guid.NewGuid():N}");
            try
            {
                var prefix = subfolder.TrimEnd('/') + "/";
                foreach (var file in files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    var full = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
                    Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                    File.WriteAllBytes(full, file.Content.ToArray());
                    if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(full, file.Mode.ToUnix());
                }
                return new DiskCopy(root, root);
            }
            catch
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
                throw;
            }
        }
    }
}

/// <summary>A file of a repo that must not be read: a FIFO, socket or device, or a link out of the repo.</summary>
public sealed class RepoFileException(string message) : IOException(message);

/// <summary>A folder holding a repo's files on disk; disposing it removes it when it is a temporary copy.</summary>
public sealed class DiskCopy(string root, string? temporary) : IDisposable
{
    public string Root { get; } = root;

    public void Dispose()
    {
        if (temporary is not null && Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
    }
}
