using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// What the applier writes for a plan, pinned outcome by outcome where the model-based check (random plans) would
/// only notice by chance: which statuses write their file, the targets of moves, the files beside, the count.
/// </summary>
public class UpgradeApplierTests
{
    private static readonly Lazy<TemplateDefinition> Fixture = new(() =>
        UpgradeScenario.Engine.Loader.Load(Path.Combine(UpgradeScenario.ScenariosRoot, "01-template-only-change", "v1"), TemplateSource.Folder("../v1")));

    [Fact]
    public void A_plan_that_changes_nothing_touches_nothing_not_even_the_repo_folder()
    {
        using var temp = new TempFolder("applier");
        var repo = temp.Combine("not-there");
        var written = UpgradeApplier.Apply(Plan(repo, [Outcome("a.txt", FileStatus.Unchanged), Outcome("b.txt", FileStatus.LocalChangeOnly)], []));
        Assert.Equal(0, written);
        Assert.False(Directory.Exists(repo));
    }

    [Fact]
    public void Each_status_that_changes_the_disk_writes_its_file_and_the_targets_of_moves_are_written_whatever_their_status()
    {
        using var temp = new TempFolder("applier");
        var repo = temp.Combine("repo");
        foreach (var (path, text) in new[] { ("changed.txt", "old\n"), ("dropped.txt", "old\n"), ("team.txt", "team\n"), ("one.yaml", "team one\n"), ("two.yaml", "team two\n"), ("logo.png", "team logo\n") })
            temp.Write(Path.Combine("repo", path), text);
        FileOutcome[] outcomes =
        [
            Outcome("changed.txt", FileStatus.TemplateChange, "new\n"),
            Outcome("dropped.txt", FileStatus.RemovedByTemplate),
            // A status that leaves the file as the team has it: even a result in hand is not written.
            Outcome("team.txt", FileStatus.LocalChangeOnly, "not to be written\n"),
            Outcome("conf/one.yaml", FileStatus.LocalChangeOnly, "team one\n"),
            Outcome("conf/two.yaml", FileStatus.Unchanged, "team two\n"),
            Outcome("logo.png", FileStatus.Conflict, extra: GeneratedFile.FromText("logo.template-1.1.0.png", "new logo\n")),
        ];
        var written = UpgradeApplier.Apply(Plan(repo, outcomes, [new FileMove("one.yaml", "conf/one.yaml"), new FileMove("two.yaml", "conf/two.yaml")]));

        Assert.Equal(7, written); // two moved-away paths, the change, the removal, two move targets, the new logo
        var files = FileSet.FromDirectory(repo);
        Assert.Equal(["changed.txt", "conf/one.yaml", "conf/two.yaml", "logo.png", "logo.template-1.1.0.png", "team.txt"], files.Paths.Order(StringComparer.Ordinal));
        Assert.Equal("new\n", files.Find("changed.txt")!.ReadText());
        Assert.Equal("team\n", files.Find("team.txt")!.ReadText());
        Assert.Equal("team one\n", files.Find("conf/one.yaml")!.ReadText());
        Assert.Equal("team two\n", files.Find("conf/two.yaml")!.ReadText());
        Assert.Equal("team logo\n", files.Find("logo.png")!.ReadText());
        Assert.Equal("new logo\n", files.Find("logo.template-1.1.0.png")!.ReadText());
    }

    private static FileOutcome Outcome(string path, FileStatus status, string? result = null, GeneratedFile? extra = null) =>
        new(path, status, result is null ? null : GeneratedFile.FromText(path, result), extra is null ? [] : [extra], null);

    private static UpgradePlan Plan(string repo, IReadOnlyList<FileOutcome> outcomes, IReadOnlyList<FileMove> moves)
    {
        var template = Fixture.Value;
        return new UpgradePlan(repo, template, template, new AnswersFile(template.Id, template.Version, template.Source, new JsonObject()), outcomes, moves, []);
    }
}
