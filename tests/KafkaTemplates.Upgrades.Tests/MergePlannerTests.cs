using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>The planner's rules one at a time, where the model-based check in <see cref="MergePropertyTests"/> is too coarse to pin them.</summary>
public class MergePlannerTests
{
    private static readonly MergeLabels Labels = MergeLabels.For("fixture", "1.0.0", "1.1.0");

    private static readonly byte[] Png1 = [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 1];
    private static readonly byte[] Png2 = [0x89, (byte)'P', (byte)'N', (byte)'G', 0, 2];

    [Theory]
    [InlineData("logo.png", "logo.template-1.1.0.png")]
    [InlineData("img/logo.png", "img/logo.template-1.1.0.png")]
    [InlineData("a/b/archive.tar.gz", "a/b/archive.tar.template-1.1.0.gz")]
    [InlineData("icon", "icon.template-1.1.0")]
    [InlineData("img/icon", "img/icon.template-1.1.0")]
    [InlineData(".env", ".env.template-1.1.0")]
    [InlineData("config/.env", "config/.env.template-1.1.0")]
    public void The_new_version_of_a_binary_goes_beside_it_with_its_extension_last(string path, string beside) =>
        Assert.Equal(beside, MergePlanner.Beside(path, "1.1.0"));

    [Fact]
    public void A_file_both_created_with_different_content_keeps_both_between_markers()
    {
        var outcome = PlanOne(null, Text("template line\n"), Text("team line\n"));
        Assert.Equal(FileStatus.Conflict, outcome.Status);
        var text = outcome.Result!.ReadText();
        Assert.Contains("team line\n", text);
        Assert.Contains("template line\n", text);
        Assert.Contains("<<<<<<< local (your repo)\n", text);
        Assert.Contains(">>>>>>> fixture 1.1.0\n", text);
    }

    [Fact]
    public void A_file_the_team_deleted_stays_deleted_and_is_reported_only_when_the_template_changed_it()
    {
        var unchanged = PlanOne(Text("one\n"), Text("one\n"), null);
        Assert.Equal(FileStatus.Unchanged, unchanged.Status);
        var changed = PlanOne(Text("one\n"), Text("two\n"), null);
        Assert.Equal(FileStatus.DeletedLocally, changed.Status);
        Assert.Null(changed.Result);
        var remoded = PlanOne(Text("one\n"), Text("one\n") with { Mode = RepoFileMode.Executable }, null);
        Assert.Equal(FileStatus.DeletedLocally, remoded.Status);
    }

    [Fact]
    public void A_file_both_created_alike_is_left_alone()
    {
        var outcome = PlanOne(null, Text("same\n"), Text("same\n"));
        Assert.Equal(FileStatus.Unchanged, outcome.Status);
        Assert.Null(outcome.Result);
    }

    /// <summary>One binary side is enough: git merge-file must never see a binary.</summary>
    [Theory]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    [InlineData(true, false, false)]
    public void A_binary_on_any_side_is_a_conflict_with_the_new_file_beside_the_team_s(bool baseBinary, bool theirsBinary, bool oursBinary)
    {
        var b = baseBinary ? Binary(Png1) : Text("one\n");
        var t = theirsBinary ? Binary(Png2) : Text("one\ntemplate\n");
        var o = oursBinary ? Binary([.. Png1, 3]) : Text("team\none\n");
        var outcome = PlanOne(b, t, o);
        Assert.Equal(FileStatus.Conflict, outcome.Status);
        Assert.Equal(1, outcome.Conflicts);
        Assert.Null(outcome.Result);
        var beside = Assert.Single(outcome.Extra);
        Assert.Equal("f.template-1.1.0.txt", beside.Path);
        Assert.True(beside.Content.Span.SequenceEqual(t.Content.Span));
    }

    [Fact]
    public void The_team_s_mode_change_and_the_template_s_content_change_both_apply()
    {
        var b = Text("one\n");
        var outcome = PlanOne(b, Text("two\n"), b with { Mode = RepoFileMode.Executable });
        Assert.Equal(FileStatus.MergedCleanly, outcome.Status);
        Assert.Equal("two\n", outcome.Result!.ReadText());
        Assert.Equal(RepoFileMode.Executable, outcome.Result.Mode);
    }

    [Fact]
    public void The_template_s_mode_change_and_the_team_s_content_change_both_apply()
    {
        var b = Text("one\n");
        var outcome = PlanOne(b, b with { Mode = RepoFileMode.Executable }, Text("mine\n"));
        Assert.Equal(FileStatus.MergedCleanly, outcome.Status);
        Assert.Equal("mine\n", outcome.Result!.ReadText());
        Assert.Equal(RepoFileMode.Executable, outcome.Result.Mode);
    }

    [Fact]
    public void A_text_conflict_in_rej_style_leaves_the_file_and_writes_the_template_s_patch_beside_it()
    {
        var outcome = PlanOne(Text("one\n"), Text("template\n"), Text("team\n"), ConflictStyle.Rej);
        Assert.Equal(FileStatus.Conflict, outcome.Status);
        Assert.Equal(1, outcome.Conflicts);
        Assert.Null(outcome.Result);
        var rej = Assert.Single(outcome.Extra);
        Assert.Equal("f.txt.rej", rej.Path);
        Assert.Equal("--- a/f.txt\t(fixture 1.0.0)\n+++ b/f.txt\t(fixture 1.1.0)\n@@ -1 +1 @@\n-one\n+template\n", rej.ReadText());
    }

    [Fact]
    public void The_plan_carries_the_template_s_diff_only_when_asked()
    {
        FileSet Set(string text) { var s = new FileSet(); s.Put(Text(text)); return s; }
        var with = MergePlanner.Plan(Set("one\n"), Set("two\n"), Set("one\n"), Labels, ConflictStyle.Inline, withDiffs: true).Single();
        Assert.Equal("--- a/f.txt\t(fixture 1.0.0)\n+++ b/f.txt\t(fixture 1.1.0)\n@@ -1 +1 @@\n-one\n+two\n", with.TemplateDiff);
        var without = MergePlanner.Plan(Set("one\n"), Set("two\n"), Set("one\n"), Labels, ConflictStyle.Inline, withDiffs: false).Single();
        Assert.Null(without.TemplateDiff);
    }

    [Fact]
    public void The_plan_has_one_outcome_per_path_of_either_version_in_ordinal_order()
    {
        static FileSet Set(params string[] paths)
        {
            var set = new FileSet();
            foreach (var path in paths) set.Put(GeneratedFile.FromText(path, path + "\n"));
            return set;
        }
        // Only the old version, only the new one, both, and a file only the team has (not the template's business).
        var plan = MergePlanner.Plan(Set("b.txt", "C.txt"), Set("a.txt", "C.txt"), Set("b.txt", "C.txt", "team.txt"), Labels, ConflictStyle.Inline, withDiffs: false);
        Assert.Equal(["C.txt", "a.txt", "b.txt"], plan.Select(o => o.Path));
        Assert.Equal([FileStatus.Unchanged, FileStatus.AddedByTemplate, FileStatus.RemovedByTemplate], plan.Select(o => o.Status));
    }

    [Fact]
    public void Statuses_describe_themselves_and_say_whether_they_change_the_disk()
    {
        var changes = Enum.GetValues<FileStatus>().Where(s => s.ChangesDisk()).ToHashSet();
        Assert.Equal([FileStatus.TemplateChange, FileStatus.MergedCleanly, FileStatus.Conflict, FileStatus.AddedByTemplate, FileStatus.RemovedByTemplate], changes.Order());
        // The words the plan prints for each status, one by one: an empty or swapped text would mislead a person.
        Assert.Equal(
            [
                "unchanged", "template change, applies cleanly", "local change only", "both changed, merges cleanly", "conflict",
                "added by the template", "removed by the template", "removed by the template, kept (local changes)",
                "deleted locally, stays deleted",
            ],
            Enum.GetValues<FileStatus>().Select(s => s.Describe()));
        Assert.Equal("42", ((FileStatus)42).Describe());
    }

    private static FileOutcome PlanOne(GeneratedFile? b, GeneratedFile? t, GeneratedFile? o, ConflictStyle style = ConflictStyle.Inline)
    {
        FileSet Set(GeneratedFile? f) { var s = new FileSet(); if (f is not null) s.Put(f); return s; }
        return MergePlanner.Plan(Set(b), Set(t), Set(o), Labels, style, withDiffs: false).Single();
    }

    private static GeneratedFile Text(string text) => GeneratedFile.FromText("f.txt", text);

    private static GeneratedFile Binary(byte[] content) => new("f.txt", content);
}
