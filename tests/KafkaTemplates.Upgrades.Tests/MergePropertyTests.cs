using System.Text.Json.Nodes;
using CsCheck;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

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

    /// <summary>Cases per run of the model check; KT_MODEL_CASES lowers it where every test runs many times (mutation testing).</summary>
    private static readonly int ModelCases = int.TryParse(Environment.GetEnvironmentVariable("KT_MODEL_CASES"), out var n) ? n : 2000;

    private static readonly Lazy<TemplateDefinition> Fixture = new(() =>
        UpgradeScenario.Engine.Loader.Load(Path.Combine(UpgradeScenario.ScenariosRoot, "01-template-only-change", "v1"), TemplateSource.Folder("../v1")));

    [Fact]
    public void An_upgrade_keeps_every_local_change_and_applies_every_template_change_or_reports_a_conflict()
    {
        // One seed a case: CsCheck prints it on failure (rerun with CsCheck_Seed=<seed>), the model prints the case.
        Gen.Int.Sample(seed =>
        {
            var model = UpgradeModel.Generate(seed);
            using var temp = new TempFolder("upgrade-model");
            var repo = temp.Combine("repo");
            WriteFiles(repo, model.OursSet());

            var outcomes = MergePlanner.Plan(model.BaseSet(), model.TheirsSet(), FileSet.FromDirectory(repo), UpgradeModel.Labels, model.Style, withDiffs: seed % 2 == 0);
            var template = Fixture.Value;
            UpgradeApplier.Apply(new UpgradePlan(repo, template, template, new AnswersFile(template.Id, template.Version, template.Source, new JsonObject()), outcomes, [], []));

            var problems = model.Check(outcomes, FileSet.FromDirectory(repo));
            Assert.True(problems.Count == 0, $"seed {seed}\n{string.Join("\n", problems)}\n{model}");
        }, iter: ModelCases, print: seed => $"{seed}\n{UpgradeModel.Generate(seed)}");
    }

    /// <summary>Upgrades through the real upgrader are slower (two renders a case): fewer cases, the same invariant.</summary>
    private static readonly int UpgraderCases = Math.Max(1, ModelCases / 100);

    [Fact]
    public void A_migration_that_moves_a_file_carries_the_team_s_edits_along()
    {
        Gen.Int.Sample(seed =>
        {
            var model = UpgradeModel.Generate(seed);
            model = model with { Paths = [.. model.Paths, UpgradeModel.Moved(seed, "config.yaml", "conf/app.yaml")] };
            using var temp = new TempFolder("upgrade-model-move");
            WriteTemplate(temp.Combine("v1"), "1.0.0", model.BaseSet(), migration: "");
            WriteTemplate(temp.Combine("v2"), "1.1.0", model.TheirsSet(), migration: "  migrations:\n    - version: 1.1.0\n      moveFiles:\n        config.yaml: conf/app.yaml\n");
            var repo = temp.Combine("repo");
            var v1 = UpgradeScenario.Engine.Loader.Load(temp.Combine("v1"), TemplateSource.Folder("../v1"));
            var generated = UpgradeScenario.Engine.Scaffolder.RunAsync(v1, ParameterBinder.Bind(v1.Parameters, new AnswerInput()), new ScaffoldOptions(), ScaffoldLog.Null).GetAwaiter().GetResult();
            AtomicDirectoryWriter.Write(generated.Files, repo);
            // The team's edits: every file the template wrote as the team has it now.
            foreach (var file in generated.Files.Where(f => f.Path != AnswersFile.FileName)) File.Delete(Path.Combine(repo, file.Path));
            WriteFiles(repo, model.OursSet());

            var upgrader = new Upgrader(UpgradeScenario.Engine, new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("no-builtin-templates")));
            var plan = upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = repo, To = temp.Combine("v2"), ConflictStyle = model.Style, WithDiffs = seed % 2 == 0 }).GetAwaiter().GetResult();
            UpgradeApplier.Apply(plan);

            var problems = model.Check(plan.Files, FileSet.FromDirectory(repo), AnswersFile.FileName);
            Assert.True(problems.Count == 0, $"seed {seed}\n{string.Join("\n", problems)}\n{model}");
        }, iter: UpgraderCases, threads: 1, print: seed => $"{seed}");
    }

    private static void WriteTemplate(string folder, string version, FileSet skeleton, string migration)
    {
        WriteFiles(Path.Combine(folder, "skeleton"), skeleton);
        File.WriteAllText(Path.Combine(folder, "template.yaml"), $$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: model
              annotations:
                kafka-templates.dev/version: {{version}}
            spec:
              type: service
              parameters:
                properties:
                  name: { type: string, default: demo }
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton

            """ + migration);
    }

    private static void WriteFiles(string folder, FileSet files)
    {
        foreach (var file in files)
        {
            var full = Path.Combine(folder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, file.Content.ToArray());
            File.SetUnixFileMode(full, file.Mode.ToUnix());
        }
    }
}
