using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>Reads the files of a repo on disk that an upgrade looks at (ours in the three-way merge).</summary>
internal static class RepoFiles
{
    public static FileSet Read(string repo, IEnumerable<string> paths)
    {
        var set = new FileSet();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var full = Path.Combine(repo, path);
            if (File.Exists(full)) set.Put(new GeneratedFile(path, File.ReadAllBytes(full), RepoFileModes.Read(full)));
        }
        return set;
    }
}
