using System.Text;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Writing;

public class ConflictMarkersTests
{
    private static IReadOnlyList<int> Find(string text) => ConflictMarkers.Find(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Finds_each_diff3_conflict_by_its_first_line()
    {
        var text = "a\n<<<<<<< local (your repo)\nx\n||||||| t 1.0.0\ny\n=======\nz\n>>>>>>> t 1.1.0\nb\n<<<<<<< ours\r\n1\r\n=======\r\n2\r\n>>>>>>> theirs\r\n";
        Assert.Equal([2, 10], Find(text));
    }

    [Theory]
    [InlineData("a\n||||||| t 1.0.0\ny\n=======\nz\n>>>>>>> t 1.1.0\nb\n", 2)]
    [InlineData("a\n=======\nz\n>>>>>>> t 1.1.0\nb\n", 2)]
    [InlineData("a\n<<<<<<< local (your repo)\nx\n=======\nz\n", 2)]
    [InlineData("a\n<<<<<<< local (your repo)\nx\n||||||| t 1.0.0\ny\n>>>>>>> t 1.1.0\n", 4)]
    public void A_half_resolved_block_stays_a_conflict_until_its_last_marker_line_is_gone(string text, int line)
    {
        // Deleting only the first marker line used to make check say "up to date" with the rest still in the file.
        Assert.Equal([line], Find(text));
    }

    [Theory]
    [InlineData("Title\n=======\n\ntext\n")]
    [InlineData("<<<<<<<<<< not a marker\n========\n>>>>>>>> x\n")]
    [InlineData("<<<<<<< started\nbut never separated\n>>>>>>> x\n")]
    [InlineData("")]
    public void Text_that_only_looks_like_markers_is_not_a_conflict(string text) => Assert.Empty(Find(text));

    [Fact]
    public void A_folder_scan_reports_marker_files_and_rej_files_and_skips_git_links_and_binaries()
    {
        using var temp = new TempFolder("markers");
        temp.Write("values.yaml", "a: 1\n<<<<<<< local\nb: 2\n=======\nb: 3\n>>>>>>> new\n");
        temp.Write("Chart.yaml.rej", "--- patch\n");
        temp.Write(".git/MERGE_MSG", "<<<<<<< x\n=======\n>>>>>>> y\n");
        temp.Write("clean.md", "fine\n");
        File.WriteAllBytes(temp.Combine("logo.png"), [0, 1, 2, .. Encoding.UTF8.GetBytes("<<<<<<< x\n=======\n>>>>>>> y\n")]);
        File.CreateSymbolicLink(temp.Combine("linked.yaml"), temp.Combine("values.yaml"));

        var found = ConflictMarkers.InFolder(temp.Path);

        Assert.Equal(["Chart.yaml.rej", "values.yaml"], found.Select(f => f.Path));
        Assert.True(found[0].IsRejectFile);
        Assert.Equal([2], found[1].Lines);
    }
}
