using System.Text;
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
/// The shipped template's own history: a repo made by the released hypertrace-kafka 1.0.0 (from the tree, as every
/// build has it), edited by its team in values.yaml, an alert and the README, upgrades to the current version. The
/// edits survive, the migration keeps the cluster open and plaintext as its clients expect, and a second upgrade
/// changes nothing. The plan is a golden file (Released/hypertrace-kafka-1.0.0/plan.txt).
/// </summary>
public class HypertraceKafkaUpgradeTests
{
    private const string ValuesEdit = "  numPartitions: 12 # payments needs more consumers in parallel";
    private const string AlertEdit = "          for: 20m # our disks fill slowly; fewer pages at night";
    private const string ReadmeEdit = "\n## Team contacts\n\nPage #payments-oncall before touching the brokers.\n";

    private static string Templates => RepoRoot.Combine("templates");

    private static TemplateVersions Versions() =>
        new(UpgradeScenario.Engine.Loader, Templates, Path.Combine(Templates, TemplateCatalog.ReleasedFolder));

    private static async Task<string> RepoFromReleaseAsync(TempFolder temp)
    {
        var released = UpgradeScenario.Engine.Loader.Load(Path.Combine(Templates, TemplateCatalog.ReleasedFolder, "hypertrace-kafka", "1.0.0"), TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "payments"));
        var files = (await UpgradeScenario.Engine.Scaffolder.RunAsync(released, ParameterBinder.Bind(released.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
        var repo = temp.Combine("payments");
        AtomicDirectoryWriter.Write(files, repo);

        Edit(Path.Combine(repo, "helm", "values.yaml"), "  numPartitions: 3", ValuesEdit);
        Edit(Path.Combine(repo, "helm", "templates", "prometheusrule.yaml"), "          for: 10m", AlertEdit);
        File.AppendAllText(Path.Combine(repo, "README.md"), ReadmeEdit);
        return repo;
    }

    [Fact]
    public async Task A_1_0_0_repo_upgrades_keeping_the_team_edits_and_its_open_listeners()
    {
        using var temp = new TempFolder("kafka-upgrade");
        var repo = await RepoFromReleaseAsync(temp);

        var plan = await new Upgrader(UpgradeScenario.Engine, Versions()).PlanAsync(new UpgradeRequest { RepoDirectory = repo, WithDiffs = false });
        UpgradeApplier.Apply(plan);

        GoldenFile.AssertMatches(Describe(plan), RepoRoot.Combine("tests", "KafkaTemplates.Upgrades.Tests", "Released", "hypertrace-kafka-1.0.0", "plan.txt"));
        Assert.DoesNotContain(plan.Files, f => f.Status == FileStatus.Conflict);
        Assert.Contains(ValuesEdit, File.ReadAllText(Path.Combine(repo, "helm", "values.yaml")), StringComparison.Ordinal);
        Assert.Contains(AlertEdit, File.ReadAllText(Path.Combine(repo, "helm", "templates", "prometheusrule.yaml")), StringComparison.Ordinal);
        Assert.EndsWith(ReadmeEdit, File.ReadAllText(Path.Combine(repo, "README.md")), StringComparison.Ordinal);

        // The migration's answers are recorded, and the values keep the 1.x listeners until the team changes them.
        var answers = File.ReadAllText(Path.Combine(repo, ".kafka-templates.yaml"));
        Assert.Contains("version: \"2.1.0\"", answers, StringComparison.Ordinal);
        Assert.Contains("authMode: \"none\"", answers, StringComparison.Ordinal);
        Assert.Contains("certSource: \"none\"", answers, StringComparison.Ordinal);
        var values = File.ReadAllText(Path.Combine(repo, "helm", "values.yaml"));
        Assert.Contains("  source: \"none\"", values, StringComparison.Ordinal);
        Assert.Contains("  mode: \"none\"", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upgrading_the_upgraded_repo_again_changes_nothing()
    {
        using var temp = new TempFolder("kafka-upgrade-again");
        var repo = await RepoFromReleaseAsync(temp);
        var upgrader = new Upgrader(UpgradeScenario.Engine, Versions());
        UpgradeApplier.Apply(await upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = repo }));
        var before = FileSet.FromDirectory(repo);

        var again = await upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = repo });
        UpgradeApplier.Apply(again);

        Assert.False(again.ChangesAnything, string.Join("\n", again.Files.Where(f => f.Status.ChangesDisk()).Select(f => $"{f.Path}: {f.Status}")));
        Assert.Equal("", GoldenFolder.Compare(before, FileSet.FromDirectory(repo)));
    }

    [Fact]
    public async Task An_answer_given_with_set_wins_over_the_migration()
    {
        using var temp = new TempFolder("kafka-upgrade-set");
        var repo = await RepoFromReleaseAsync(temp);

        var plan = await new Upgrader(UpgradeScenario.Engine, Versions()).PlanAsync(new UpgradeRequest
        {
            RepoDirectory = repo, Set = [new("authMode", "scram"), new("certSource", "cert-manager")],
        });
        UpgradeApplier.Apply(plan);

        var answers = File.ReadAllText(Path.Combine(repo, ".kafka-templates.yaml"));
        Assert.Contains("authMode: \"scram\"", answers, StringComparison.Ordinal);
        Assert.Contains("certSource: \"cert-manager\"", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.Notes, n => n.Contains("'authMode' is set", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_2_0_0_repo_upgrades_to_2_1_0_and_its_catalog_entry_names_the_template_and_on_request_its_host()
    {
        using var temp = new TempFolder("kafka-upgrade-2.0.0");
        var released = UpgradeScenario.Engine.Loader.Load(Path.Combine(Templates, TemplateCatalog.ReleasedFolder, "hypertrace-kafka", "2.0.0"), TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "acme"));
        var files = (await UpgradeScenario.Engine.Scaffolder.RunAsync(released, ParameterBinder.Bind(released.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
        var repo = temp.Combine("payments");
        AtomicDirectoryWriter.Write(files, repo);
        const string CatalogEdit = "    - payments-domain\n";
        Edit(Path.Combine(repo, "catalog-info.yaml"), "    - helm\n", "    - helm\n" + CatalogEdit);
        Edit(Path.Combine(repo, "helm", "values.yaml"), "  numPartitions: 3", ValuesEdit);

        var plan = await new Upgrader(UpgradeScenario.Engine, Versions()).PlanAsync(new UpgradeRequest
        {
            RepoDirectory = repo, WithDiffs = false, Set = [new("repoHost", "github")],
        });
        UpgradeApplier.Apply(plan);

        GoldenFile.AssertMatches(Describe(plan), RepoRoot.Combine("tests", "KafkaTemplates.Upgrades.Tests", "Released", "hypertrace-kafka-2.0.0", "plan.txt"));
        Assert.DoesNotContain(plan.Files, f => f.Status == FileStatus.Conflict);
        var catalog = File.ReadAllText(Path.Combine(repo, "catalog-info.yaml"));
        Assert.Contains("    backstage.io/source-template: template:default/hypertrace-kafka\n", catalog, StringComparison.Ordinal);
        Assert.Contains("    backstage.io/source-location: \"url:https://github.com/acme/payments/tree/main/\"\n", catalog, StringComparison.Ordinal);
        Assert.Contains("    github.com/project-slug: \"acme/payments\"\n", catalog, StringComparison.Ordinal);
        Assert.Contains(CatalogEdit, catalog, StringComparison.Ordinal);
        Assert.Contains(ValuesEdit, File.ReadAllText(Path.Combine(repo, "helm", "values.yaml")), StringComparison.Ordinal);
        var answers = File.ReadAllText(Path.Combine(repo, ".kafka-templates.yaml"));
        Assert.Contains("version: \"2.1.0\"", answers, StringComparison.Ordinal);
        Assert.Contains("repoHost: \"github\"", answers, StringComparison.Ordinal);
    }

    private static void Edit(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} has no '{from}'");
        File.WriteAllText(file, string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }

    private static string Describe(UpgradePlan plan)
    {
        var sb = new StringBuilder();
        sb.Append($"{plan.Base.Id} {plan.Base.Version} -> {plan.Target.Version}\n");
        foreach (var note in plan.Notes) sb.Append($"note: {note}\n");
        foreach (var f in plan.Files) sb.Append($"{f.Status.Describe(),-46} {f.Path}\n");
        return sb.ToString();
    }
}
