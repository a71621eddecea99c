using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Actions.Builtin;

/// <summary>Reads the files of a skeleton folder in a stable order, with their modes.</summary>
internal static class SkeletonFiles
{
    public static IEnumerable<(string RelativePath, byte[] Content, RepoFileMode Mode)> Read(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => (Full: f, Relative: Path.GetRelativePath(folder, f).Replace('\\', '/')))
            .OrderBy(f => f.Relative, StringComparer.Ordinal);
        foreach (var (full, relative) in files)
            yield return (relative, File.ReadAllBytes(full), RepoFileModes.Read(full));
    }
}
