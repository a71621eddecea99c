using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>
/// Reads the files of a skeleton folder in a stable order, with their modes. Where a package lost the modes (NuGet
/// keeps none and extracts every file as executable), a <c>.kafka-templates-executables</c> list in a folder above the skeleton
/// names the executable files relative to that folder, and it decides; the tool ships one beside its templates.
/// </summary>
internal static class SkeletonFiles
{
    public const string ExecutablesManifest = ".kafka-templates-executables";

    private sealed record Snapshot(string Stamp, IReadOnlyList<(string RelativePath, byte[] Content, RepoFileMode Mode)> Files);

    // A fleet diff renders the same skeletons thousands of times: keep their bytes while the files stay the same.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Snapshot> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The inputs of a one-file action (fetch:plain:file, fetch:template:file): <c>url</c>, the template file it names
    /// (which must exist), and the workspace path <c>targetPath</c> names.
    /// </summary>
    public static (string Url, string Source, string Target) OneFile(ActionContext context)
    {
        var url = context.RequireString("url");
        var source = context.ResolveTemplatePath(url);
        if (!File.Exists(source)) throw new ActionException(context.StepId, $"the file '{url}' does not exist in the template");
        return (url, source, RepoPath.Normalize(context.RequireString("targetPath"), "targetPath"));
    }

    public static IReadOnlyList<(string RelativePath, byte[] Content, RepoFileMode Mode)> Read(string folder)
    {
        var entries = new List<Entry>();
        Walk(folder, folder, entries);
        entries.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        var stamp = string.Join('\n', entries.Select(e => $"{e.Relative}\t{e.Length}\t{e.ModifiedTicks}\t{e.Permissions}"));
        if (Cache.TryGetValue(folder, out var cached) && cached.Stamp == stamp) return cached.Files;

        var executables = ManifestFor(folder);
        var files = new List<(string, byte[], RepoFileMode)>(entries.Count);
        foreach (var (fullName, relative, _, _, _) in entries)
        {
            var mode = executables is { } manifest
                ? manifest.Listed.Contains(Path.GetRelativePath(manifest.Root, fullName).Replace('\\', '/')) ? RepoFileMode.Executable : RepoFileMode.Regular
                : RepoFileModes.Read(fullName);
            files.Add((relative, FileKinds.ReadRegularFile(fullName), mode));
        }
        Cache[folder] = new Snapshot(stamp, files);
        return files;
    }

    /// <summary>
    /// Collects the regular files below a skeleton folder. A template is untrusted input, so a symbolic link is
    /// refused (followed, it could copy /etc/passwd or /proc/self/environ into the repo), and so are FIFOs, sockets
    /// and devices (reading one blocks forever or never ends).
    /// </summary>
    private static void Walk(string root, string folder, List<Entry> entries)
    {
        // Paths alone: the enumeration looks at no entry; one statx a file on Linux then tells its kind and what the
        // cache's stamp needs, since every render checks every file.
        foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            var stat = FileKinds.Stat(path);
            switch (stat?.Kind ?? FileKinds.Of(path))
            {
                case EntryKind.Folder:
                    Walk(root, path, entries);
                    break;
                case EntryKind.File when stat is { } known:
                    entries.Add(new Entry(path, relative, known.Size, known.ModifiedTicks, known.Permissions));
                    break;
                case EntryKind.File:
                    var info = new FileInfo(path);
                    entries.Add(new Entry(path, relative, info.Length, info.LastWriteTimeUtc.Ticks, ModeBits(info)));
                    break;
                case EntryKind.Link:
                    throw Refused(path, $"is a symbolic link (to {new FileInfo(path).LinkTarget}); a template may hold only files and folders, so put a copy of the file in place of the link");
                case EntryKind.Special:
                    throw Refused(path, "is a FIFO, socket or device, not a file; a template may hold only files and folders, so remove it");
            }
        }
    }

    /// <summary>A skeleton file as the walk found it: what it is called, and what tells a changed file from the cached one.</summary>
    private readonly record struct Entry(string FullName, string Relative, long Length, long ModifiedTicks, int Permissions);

    /// <summary>A template file that cannot be read safely; the message names it.</summary>
    public static IOException Refused(string path, string why) => new($"the template file '{Display(path)}' {why}");

    /// <summary>The path from the template's own folder (the one holding template.yaml) when there is one above it.</summary>
    private static string Display(string path)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "template.yaml"))) return Path.GetRelativePath(dir, path).Replace('\\', '/');
        return path;
    }

    /// <summary>One file of a template (fetch:*:file), by the same rules as a skeleton folder.</summary>
    public static byte[] ReadOne(string path) => FileKinds.Of(path) switch
    {
        EntryKind.File => FileKinds.ReadRegularFile(path),
        EntryKind.Link => throw Refused(path, $"is a symbolic link (to {new FileInfo(path).LinkTarget}); a template may hold only files and folders, so put a copy of the file in place of the link"),
        EntryKind.Special => throw Refused(path, "is a FIFO, socket or device, not a file; a template may hold only files and folders, so remove it"),
        EntryKind.Folder => throw Refused(path, "is a folder, not a file"),
        _ => throw new FileNotFoundException($"the template file '{Display(path)}' does not exist", path),
    };

    private static int ModeBits(FileInfo info) => OperatingSystem.IsWindows() ? 0 : (int)info.UnixFileMode;

    /// <summary>The mode of one template file, by the same rule.</summary>
    public static RepoFileMode ModeOf(string file)
    {
        var full = Path.GetFullPath(file);
        return ManifestFor(Path.GetDirectoryName(full)!) is { } manifest
            ? manifest.Listed.Contains(Path.GetRelativePath(manifest.Root, full).Replace('\\', '/')) ? RepoFileMode.Executable : RepoFileMode.Regular
            : RepoFileModes.Read(full);
    }

    private static (string Root, HashSet<string> Listed)? ManifestFor(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var manifest = Path.Combine(dir.FullName, ExecutablesManifest);
            if (File.Exists(manifest))
                return (dir.FullName, GeneratedFile.Utf8NoBom.GetString(ReadOne(manifest)).Split('\n')
                    .Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal));
        }
        return null;
    }
}
