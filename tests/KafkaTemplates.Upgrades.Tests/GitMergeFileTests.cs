using System.Text;
using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// The edges of the one place that runs <c>git merge-file</c>: its error exit, its cap on the conflict count, and the
/// scratch folder it leaves behind (none). Alone in its collection, so no other test's merge is in the temp folder.
/// </summary>
[Collection(GitMergeFileAlone.Name)]
public class GitMergeFileTests
{
    private static readonly MergeLabels Labels = MergeLabels.For("fixture", "1.0.0", "1.1.0");

    [Fact]
    public void A_failing_git_merge_file_is_an_upgrade_error_with_git_s_reason_on_one_line()
    {
        // git refuses binary input with exit code 255; the planner never sends one, so this is the error path.
        var error = Assert.Throws<UpgradeException>(() => GitMergeFile.Merge("a\0b"u8, "a"u8, "c"u8, Labels));
        Assert.StartsWith("git merge-file failed: error: Cannot merge binary files: ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("ours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_with_more_than_127_conflicts_merges_with_every_conflict_marked()
    {
        // git merge-file's exit code is the conflict count capped at 127, so 127 and more is still a merge, not an error.
        static byte[] Side(string name) =>
            Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 130).Select(i => $"{name} {i}\nkeep\nkeep\nkeep\nkeep\n")));
        var merged = GitMergeFile.Merge(Side("team"), Side("base"), Side("template"), Labels);
        Assert.Equal(127, merged.Conflicts);
        var text = Encoding.UTF8.GetString(merged.Content);
        Assert.Equal(130, text.Split('\n').Count(l => l == "<<<<<<< local (your repo)"));
        Assert.Contains("team 130\n", text);
        Assert.Contains("template 130\n", text);
    }

    [Fact]
    public void A_merge_leaves_no_scratch_folder_behind()
    {
        static int Scratch() => Directory.GetDirectories(Path.GetTempPath(), "kt-merge-*").Length;
        var before = Scratch();
        var merged = GitMergeFile.Merge("team\none\n"u8, "one\n"u8, "one\ntemplate\n"u8, Labels);
        Assert.Equal(0, merged.Conflicts);
        Assert.Equal("team\none\ntemplate\n", Encoding.UTF8.GetString(merged.Content));
        Assert.Throws<UpgradeException>(() => GitMergeFile.Merge("\0"u8, ""u8, ""u8, Labels));
        Assert.Equal(before, Scratch());
    }
}

/// <summary>Runs after the parallel tests, so counting scratch folders in the temp folder sees only its own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GitMergeFileAlone
{
    public const string Name = "git merge-file, alone";
}
