using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Merging;

/// <summary>
/// A three-way text merge by <c>git merge-file</c>, the merge every developer already trusts. Conflicts are written
/// inline in diff3 style, so the base the two sides started from is visible between the markers.
/// </summary>
internal static class GitMergeFile
{
    public sealed record Result(byte[] Content, int Conflicts);

    public static Result Merge(ReadOnlySpan<byte> ours, ReadOnlySpan<byte> @base, ReadOnlySpan<byte> theirs, MergeLabels labels)
    {
        // Stryker disable once String : the scratch folder's name is never seen; only its being unique and removed matters
        var folder = Path.Combine(Path.GetTempPath(), "kt-merge-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var oursFile = Path.Combine(folder, "ours");
            var baseFile = Path.Combine(folder, "base");
            var theirsFile = Path.Combine(folder, "theirs");
            File.WriteAllBytes(oursFile, ours.ToArray());
            File.WriteAllBytes(baseFile, @base.ToArray());
            File.WriteAllBytes(theirsFile, theirs.ToArray());
            var (exitCode, output, error) = GitRunner.RunForBytes(null, GitRunner.LocalTimeout,
                "merge-file", "-p", "--diff3", "-L", labels.Local, "-L", labels.Base, "-L", labels.Target, "--", oursFile, baseFile, theirsFile);
            // git merge-file exits with the number of conflicts, or a negative number on error.
            if (exitCode < 0 || exitCode > 127) throw new UpgradeException($"git merge-file failed: {error.Trim()}");
            return new Result(output, exitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
