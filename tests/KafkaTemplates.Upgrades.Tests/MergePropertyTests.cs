using CsCheck;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// Random team edits against random template edits. Whatever the combination, every line the team added is still in
/// the file after the merge (merged, or between conflict markers), a file the team added or kept is never deleted,
/// and a template that did not change leaves every file as the team had it.
/// </summary>
public class MergePropertyTests
{
    private static readonly MergeLabels Labels = MergeLabels.For("fixture", "1.0.0", "1.1.0");

    private sealed record Edit(int Kind, int Position, int Length);

    /// <summary>An edit: 0 insert a line, 1 delete lines, 2 replace lines; positions wrap onto the file's length.</summary>
    private static readonly Gen<Edit> EditGen = Gen.Select(Gen.Int[0, 2], Gen.Int[0, 40], Gen.Int[1, 3], (k, p, l) => new Edit(k, p, l));

    private static readonly Gen<(int Lines, Edit[] Local, Edit[] Template)> Case =
        Gen.Select(Gen.Int[0, 30], EditGen.Array[0, 5], EditGen.Array[0, 5]);

    private static List<string> Apply(List<string> lines, Edit[] edits, string author, List<string> added)
    {
        var result = new List<string>(lines);
        for (var i = 0; i < edits.Length; i++)
        {
            var e = edits[i];
            var at = result.Count == 0 ? 0 : e.Position % (result.Count + 1);
            switch (e.Kind)
            {
                case 0:
                    var line = $"{author} added line {i}";
                    result.Insert(at, line);
                    added.Add(line);
                    break;
                case 1 when result.Count > 0:
                    result.RemoveRange(Math.Min(at, result.Count - 1), Math.Min(e.Length, result.Count - Math.Min(at, result.Count - 1)));
                    break;
                case 2 when result.Count > 0:
                    var start = Math.Min(at, result.Count - 1);
                    var count = Math.Min(e.Length, result.Count - start);
                    result.RemoveRange(start, count);
                    var replacement = $"{author} replaced line {i}";
                    result.Insert(start, replacement);
                    added.Add(replacement);
                    break;
            }
        }
        return result;
    }

    private static FileSet One(string path, List<string> lines)
    {
        var set = new FileSet();
        set.Put(GeneratedFile.FromText(path, string.Concat(lines.Select(l => l + "\n"))));
        return set;
    }

    [Fact]
    public void Every_line_the_team_added_survives_the_merge()
    {
        Case.Sample(c =>
        {
            var @base = Enumerable.Range(0, c.Lines).Select(i => $"base line {i}").ToList();
            var localAdded = new List<string>();
            var ours = Apply(@base, c.Local, "team", localAdded);
            var theirs = Apply(@base, c.Template, "template", []);

            var outcome = MergePlanner.Plan(One("f.txt", @base), One("f.txt", theirs), One("f.txt", ours), Labels, ConflictStyle.Inline, withDiffs: false).Single();

            var result = (outcome.Result ?? GeneratedFile.FromText("f.txt", string.Concat(ours.Select(l => l + "\n")))).ReadText();
            // A later edit of the team's may remove a line an earlier one added; what counts is what the team has now.
            var missing = localAdded.Where(ours.Contains).Where(l => !result.Contains(l + "\n", StringComparison.Ordinal)).ToList();
            return missing.Count == 0;
        }, iter: 300);
    }

    [Fact]
    public void An_unchanged_template_leaves_every_file_as_the_team_has_it()
    {
        Case.Sample(c =>
        {
            var @base = Enumerable.Range(0, c.Lines).Select(i => $"base line {i}").ToList();
            var ours = Apply(@base, c.Local, "team", []);
            var outcome = MergePlanner.Plan(One("f.txt", @base), One("f.txt", @base), One("f.txt", ours), Labels, ConflictStyle.Inline, withDiffs: false).Single();
            return !outcome.Status.ChangesDisk();
        }, iter: 300);
    }

    [Fact]
    public void Files_the_team_changed_or_added_are_never_deleted()
    {
        // Sets of files present in base, theirs and ours, each possibly changed.
        var files = Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, (inBase, inTheirs, inOurs, oursChanged, theirsChanged) => (inBase, inTheirs, inOurs, oursChanged, theirsChanged));
        files.Array[1, 12].Sample(cases =>
        {
            FileSet b = new(), t = new(), o = new();
            for (var i = 0; i < cases.Length; i++)
            {
                var (inBase, inTheirs, inOurs, oursChanged, theirsChanged) = cases[i];
                var path = $"file{i}.txt";
                if (inBase) b.Put(GeneratedFile.FromText(path, "base\n"));
                if (inTheirs) t.Put(GeneratedFile.FromText(path, theirsChanged || !inBase ? "theirs\n" : "base\n"));
                if (inOurs) o.Put(GeneratedFile.FromText(path, oursChanged || !inBase ? "ours\n" : "base\n"));
            }
            var outcomes = MergePlanner.Plan(b, t, o, Labels, ConflictStyle.Inline, withDiffs: false);
            foreach (var outcome in outcomes.Where(x => x.Deletes))
            {
                // Only a file exactly as the old template wrote it may go.
                if (!o[outcome.Path].Content.Span.SequenceEqual(b[outcome.Path].Content.Span)) return false;
            }
            return outcomes.All(x => x.Status != FileStatus.AddedByTemplate || o.Find(x.Path) is null);
        }, iter: 300);
    }
}
