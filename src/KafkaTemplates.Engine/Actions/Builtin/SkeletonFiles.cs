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

    public static IReadOnlyList<(string RelativePath, byte[] Content, RepoFileMode Mode)> Read(string folder)
    {
        var entries = new DirectoryInfo(folder).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => (Info: f, Relative: Path.GetRelativePath(folder, f.FullName).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .ToList();
        var stamp = string.Join('\n', entries.Select(e => $"{e.Relative}\t{e.Info.Length}\t{e.Info.LastWriteTimeUtc.Ticks}\t{ModeBits(e.Info)}"));
        if (Cache.TryGetValue(folder, out var cached) && cached.Stamp == stamp) return cached.Files;

        var executables = ManifestFor(folder);
        var files = new List<(string, byte[], RepoFileMode)>(entries.Count);
        foreach (var (info, relative) in entries)
        {
            var mode = executables is { } manifest
                ? manifest.Listed.Contains(Path.GetRelativePath(manifest.Root, info.FullName).Replace('\\', '/')) ? RepoFileMode.Executable : RepoFileMode.Regular
                : RepoFileModes.Read(info.FullName);
            files.Add((relative, File.ReadAllBytes(info.FullName), mode));
        }
        Cache[folder] = new Snapshot(stamp, files);
        return files;
    }

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
                return (dir.FullName, File.ReadAllLines(manifest).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal));
        }
        return null;
    }
}
