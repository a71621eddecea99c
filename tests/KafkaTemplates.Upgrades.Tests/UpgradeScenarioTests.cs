using System.Text;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// Each scenario generates a repo from v1, applies the team's edits, and upgrades to v2. The plan (every file's
/// status and the template's diff) and the repo afterwards are golden files: plan.txt and expected/.
/// </summary>
public class UpgradeScenarioTests
{
    public static TheoryData<string> Scenarios() =>
        new(Directory.EnumerateDirectories(UpgradeScenario.ScenariosRoot).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Upgrades_as_expected(string name)
    {
        using var scenario = await UpgradeScenario.GenerateAsync(name);

        var plan = await scenario.Upgrader().PlanAsync(new UpgradeRequest
        {
            RepoDirectory = scenario.Repo, To = scenario.V2, Set = scenario.Sets(), WithDiffs = true,
        });
        UpgradeApplier.Apply(plan);

        GoldenFile.AssertMatches(Describe(plan), Path.Combine(scenario.Folder, "plan.txt"));
        GoldenFolder.AssertMatches(scenario.RepoFiles(), Path.Combine(scenario.Folder, "expected"));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Upgrading_again_to_the_same_version_changes_nothing(string name)
    {
        using var scenario = await UpgradeScenario.GenerateAsync(name);
        var upgrader = scenario.Upgrader();
        UpgradeApplier.Apply(await upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = scenario.Repo, To = scenario.V2, Set = scenario.Sets() }));
        var before = scenario.RepoFiles();

        var again = await upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = scenario.Repo, To = scenario.V2 });
        UpgradeApplier.Apply(again);

        Assert.False(again.ChangesAnything, string.Join("\n", again.Files.Where(f => f.Status.ChangesDisk()).Select(f => $"{f.Path}: {f.Status}")));
        Assert.Equal("", GoldenFolder.Compare(before, scenario.RepoFiles()));
    }

    private static string Describe(UpgradePlan plan)
    {
        var sb = new StringBuilder();
        sb.Append($"{plan.Base.Id} {plan.Base.Version} -> {plan.Target.Version}\n");
        foreach (var note in plan.Notes) sb.Append($"note: {note}\n");
        foreach (var move in plan.Moves) sb.Append($"moved: {move.From} -> {move.To}\n");
        foreach (var f in plan.Files)
            sb.Append($"{f.Status.Describe(),-46} {f.Path}{(f.Extra.Count > 0 ? " + " + string.Join(", ", f.Extra.Select(e => e.Path)) : "")}\n");
        foreach (var f in plan.Files.Where(f => f.TemplateDiff is not null && f.Path != ".kafka-templates.yaml"))
            sb.Append('\n').Append(f.TemplateDiff);
        return sb.ToString();
    }
}
