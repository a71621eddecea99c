using System.Text;
using CsCheck;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// The diffs the tool prints and writes as .rej files are judged by git itself: <c>git apply</c> must turn the old
/// file into the new one, byte for byte, including a last line without a newline and CRLF lines.
/// </summary>
public class UnifiedDiffTests
{
    private static readonly MergeLabels Labels = MergeLabels.For("fixture", "1.0.0", "1.1.0");

    /// <summary>A short text from a small alphabet of lines, so that diffs have context, repeats and edits close together.</summary>
    private static readonly Gen<string> TextGen =
        Gen.Select(Gen.OneOf<string>("a", "b", "c", "d", "e\r", "").Array[0, 14], Gen.Int[0, 2], (lines, end) =>
            lines.Length == 0 ? "" : string.Join('\n', lines) + (end == 0 ? "" : "\n"));

    [Fact]
    public void Git_apply_turns_the_old_file_into_the_new_one()
    {
        Gen.Select(TextGen, TextGen).Sample((before, after) =>
        {
            if (before == after) return;
            var patch = UnifiedDiff.Between(GeneratedFile.FromText("f.txt", before), GeneratedFile.FromText("f.txt", after), Labels);
            Assert.NotNull(patch);
            Assert.Equal(after, GitApply(before, patch));
        }, iter: 150, print: t => $"before {Quote(t.Item1)} after {Quote(t.Item2)}");
    }

    [Theory]
    [InlineData("a\nb", "x\nb")]
    [InlineData("a\n", "a")]
    [InlineData("a", "a\n")]
    [InlineData("a\nb\nc\nd\ne\nf\ng\nh", "a\nB\nc\nd\ne\nf\ng\nh")]
    [InlineData("a\r\nb\r\n", "a\r\nc\r\n")]
    public void Last_lines_with_and_without_newline_apply(string before, string after)
    {
        var patch = UnifiedDiff.Between(GeneratedFile.FromText("f.txt", before), GeneratedFile.FromText("f.txt", after), Labels)!;
        Assert.Equal(after, GitApply(before, patch));
    }

    [Fact]
    public void Added_and_removed_files_apply()
    {
        var added = UnifiedDiff.Between(null, GeneratedFile.FromText("f.txt", "one\ntwo\n"), Labels)!;
        Assert.StartsWith("--- /dev/null\t(fixture 1.0.0)\n+++ b/f.txt\t(fixture 1.1.0)\n@@ -0,0 +1,2 @@\n+one\n+two\n", added);
        var removed = UnifiedDiff.Between(GeneratedFile.FromText("f.txt", "one\n"), null, Labels)!;
        Assert.Equal("--- a/f.txt\t(fixture 1.0.0)\n+++ /dev/null\t(fixture 1.1.0)\n@@ -1 +0,0 @@\n-one\n", removed);
        Assert.Equal("", GitApply("one\n", removed, deleted: true));
    }

    [Fact]
    public void Mode_and_binary_changes_are_named_and_an_unchanged_file_has_no_diff()
    {
        var script = GeneratedFile.FromText("run.sh", "echo\n");
        Assert.Null(UnifiedDiff.Between(script, script, Labels));
        Assert.Null(UnifiedDiff.Between(null, null, Labels));
        Assert.Equal("--- a/run.sh\t(fixture 1.0.0)\n+++ b/run.sh\t(fixture 1.1.0)\n# mode 0644 -> 0755\n",
            UnifiedDiff.Between(script, script with { Mode = RepoFileMode.Executable }, Labels));
        var logo = new GeneratedFile("logo.png", new byte[] { 0x89, 0, 1 });
        Assert.Equal("--- a/logo.png\t(fixture 1.0.0)\n+++ b/logo.png\t(fixture 1.1.0)\nBinary files differ\n",
            UnifiedDiff.Between(logo, logo with { Content = new byte[] { 0x89, 0, 2 } }, Labels));
        Assert.EndsWith("Binary files differ\n", UnifiedDiff.Between(null, logo, Labels));
        Assert.EndsWith("Binary files differ\n", UnifiedDiff.Between(logo, null, Labels));
    }

    [Fact]
    public void Hunks_carry_three_lines_of_context_and_join_when_their_context_overlaps()
    {
        static string Lines(params (int Line, string Text)[] changes) =>
            string.Concat(Enumerable.Range(1, 20).Select(i => (changes.FirstOrDefault(c => c.Line == i).Text ?? $"{i}") + "\n"));
        var before = Lines();
        var apart = Lines((2, "two"), (18, "eighteen"));
        Assert.Equal("@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n", UnifiedDiff.Text(before, apart));
        // Six unchanged lines between two changes: one hunk.
        var close = Lines((5, "five"), (12, "twelve"));
        Assert.Equal("@@ -2,14 +2,14 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n 9\n 10\n 11\n-12\n+twelve\n 13\n 14\n 15\n", UnifiedDiff.Text(before, close));
        // Seven: two hunks.
        var far = Lines((5, "five"), (13, "thirteen"));
        Assert.Equal(2, UnifiedDiff.Text(before, far).Split('\n').Count(l => l.StartsWith("@@", StringComparison.Ordinal)));
    }

    private static string GitApply(string before, string patch, bool deleted = false)
    {
        using var temp = new TempFolder("unified-diff");
        var file = temp.Combine("f.txt");
        File.WriteAllBytes(file, Encoding.UTF8.GetBytes(before));
        File.WriteAllText(temp.Combine("change.patch"), patch);
        var (code, _, error) = GitRunner.Run(temp.Path, GitRunner.LocalTimeout, "apply", "--whitespace=nowarn", "change.patch");
        Assert.True(code == 0, $"git apply refused the diff: {error}\n{patch}");
        if (deleted) return File.Exists(file) ? "still there" : "";
        return Encoding.UTF8.GetString(File.ReadAllBytes(file));
    }

    private static string Quote(string text) => "\"" + text.Replace("\r", "\\r").Replace("\n", "\\n") + "\"";
}
