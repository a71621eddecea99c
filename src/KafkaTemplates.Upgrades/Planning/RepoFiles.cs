using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Writing;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>Reads the files of a repo on disk that an upgrade looks at (ours in the three-way merge).</summary>
internal static class RepoFiles
{
    /// <summary>
    /// The repo's version of each path. The same rule as writing holds first (<see cref="TargetPaths"/>): a path
    /// through or at a symbolic link is refused, so an upgrade never reads, nor later writes, outside the repo.
    /// </summary>
    public static FileSet Read(string repo, IEnumerable<string> paths)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        try
        {
            TargetPaths.Check(repo, repo, distinct);
        }
        catch (IOException e)
        {
            throw new UpgradeException(e.Message, e);
        }
        var set = new FileSet();
        foreach (var path in distinct)
        {
            var full = Path.Combine(repo, path);
            if (FileKinds.Of(full) == EntryKind.File) set.Put(new GeneratedFile(path, FileKinds.ReadRegularFile(full), RepoFileModes.Read(full)));
        }
        return set;
    }
}
