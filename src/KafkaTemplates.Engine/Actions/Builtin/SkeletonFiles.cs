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

    public static IEnumerable<(string RelativePath, byte[] Content, RepoFileMode Mode)> Read(string folder)
    {
        var executables = ManifestFor(folder);
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (full, relative) in files)
        {
            var mode = executables is { } manifest
                ? manifest.Listed.Contains(Path.GetRelativePath(manifest.Root, full).Replace('\\', '/')) ? RepoFileMode.Executable : RepoFileMode.Regular
                : RepoFileModes.Read(full);
            yield return (relative, File.ReadAllBytes(full), mode);
        }
    }

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
