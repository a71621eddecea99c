using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.UseCases;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// diff, upgrade and check end to end: a real hypertrace-kafka repo generated from a git-tagged template, edited by
/// its team, and carried to the next tag.
/// </summary>
public class UpgradeCommandTests
{
    /// <summary>A git repository holding hypertrace-kafka at v1.0.0 and a v1.1.0 that changes values and alerts.</summary>
    private static Task<string> TemplateRepositoryAsync(TempFolder temp) => TaggedTemplates.CreateAsync(temp.Combine("kafka-templates-git"));

    private static void Replace(string file, string from, string to) => TaggedTemplates.Replace(file, from, to);

    private static CliRun Run(TempFolder temp) => new() { WorkingDirectory = temp.Path, Variables = new() { [UseCaseContext.CacheVariable] = temp.Combine("cache") } };

    [Fact]
    public async Task Upgrades_a_hypertrace_kafka_repo_from_a_git_tag_keeping_the_teams_edits()
    {
        using var temp = new TempFolder("e2e-upgrade");
        var templates = await TemplateRepositoryAsync(temp);
        var source = $"git+file://{templates}@v1.0.0";
        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("new", "hypertrace-kafka", "--templates", source, "-o", "payments", "--no-validate"));
        var repo = temp.Combine("payments");
        Assert.Equal(source, AnswersFile.Read(Path.Combine(repo, AnswersFile.FileName)).Source.ToString());

        // The team tunes its values and its alerts, and commits.
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        Replace(Path.Combine(repo, "helm", "values.yaml"), "    diskFreeWarningPercent: 15", "    diskFreeWarningPercent: 20");
        Replace(Path.Combine(repo, "helm", "values.yaml"), "  heapOpts: \"-Xmx1g -Xms1g\"", "  heapOpts: \"-Xmx1200m -Xms1200m\"");
        Replace(Path.Combine(repo, "helm", "templates", "prometheusrule.yaml"), "severity: warning", "severity: ticket");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "team tuning");

        var check = Run(temp);
        Assert.Equal(ExitCodes.Problems, await check.RunAsync("check", "payments"));
        Assert.Contains("behind", check.Out.Output, StringComparison.Ordinal);

        var diff = Run(temp);
        Assert.Equal(ExitCodes.Success, await diff.RunAsync("diff", "payments"));
        Assert.Contains("+  terminationGracePeriodSeconds: 180", diff.Out.Output, StringComparison.Ordinal);
        Assert.Contains("both changed, merges cleanly", diff.Out.Output, StringComparison.Ordinal);

        var upgrade = Run(temp);
        Assert.Equal(ExitCodes.Success, await upgrade.RunAsync("upgrade", "payments"));

        var values = File.ReadAllText(Path.Combine(repo, "helm", "values.yaml"));
        Assert.Contains("terminationGracePeriodSeconds: 180", values, StringComparison.Ordinal);
        Assert.Contains("diskFreeWarningPercent: 20", values, StringComparison.Ordinal);
        Assert.Contains("-Xmx1200m -Xms1200m", values, StringComparison.Ordinal);
        var alerts = File.ReadAllText(Path.Combine(repo, "helm", "templates", "prometheusrule.yaml"));
        Assert.Contains("severity: ticket", alerts, StringComparison.Ordinal);
        Assert.Contains("summary: ", alerts, StringComparison.Ordinal);
        var answers = AnswersFile.Read(Path.Combine(repo, AnswersFile.FileName));
        Assert.Equal(("1.1.0", $"git+file://{templates}@v1.1.0"), (answers.Version.ToString(), answers.Source.ToString()));

        var after = Run(temp);
        Assert.Equal(ExitCodes.Success, await after.RunAsync("check", "payments"));
    }

    [Theory]
    [InlineData("9.9.9", "--to 9.9.9: git+file://")]
    [InlineData("./missing-templates", "missing-templates' is neither a version nor git+URL@tag, and no folder")]
    public async Task A_target_that_does_not_exist_is_bad_input_naming_to(string to, string message)
    {
        using var temp = new TempFolder("bad-to");
        var templates = await TemplateRepositoryAsync(temp);
        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@v1.0.0", "-o", "repo", "--no-validate"));

        foreach (var command in new[] { "diff", "upgrade" })
        {
            var run = Run(temp);
            string[] args = command == "upgrade" ? [command, "repo", "--to", to, "--allow-dirty"] : [command, "repo", "--to", to];
            Assert.Equal(ExitCodes.BadInput, await run.RunAsync(args));
            Assert.Contains(message, run.Error.Output, StringComparison.Ordinal);
        }
        if (to == "9.9.9")
        {
            var run = Run(temp);
            await run.RunAsync("diff", "repo", "--to", to);
            Assert.Contains("offers hypertrace-kafka 1.0.0, 1.1.0, not 9.9.9", run.Error.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refuses_a_dirty_working_tree_and_changes_nothing()
    {
        using var temp = new TempFolder("dirty");
        var templates = await TemplateRepositoryAsync(temp);
        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@v1.0.0", "-o", "repo", "--no-validate"));
        var repo = temp.Combine("repo");
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "generated");
        File.AppendAllText(Path.Combine(repo, "README.md"), "uncommitted\n");
        var before = File.ReadAllText(Path.Combine(repo, "helm", "values.yaml"));

        var run = Run(temp);
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("upgrade", "repo"));
        Assert.Contains("uncommitted changes (README.md)", run.Error.Output, StringComparison.Ordinal);
        Assert.Contains("--allow-dirty", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(Path.Combine(repo, "helm", "values.yaml")));

        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("upgrade", "repo", "--allow-dirty"));
        Assert.Contains("terminationGracePeriodSeconds: 180", File.ReadAllText(Path.Combine(repo, "helm", "values.yaml")), StringComparison.Ordinal);
        Assert.EndsWith("uncommitted\n", File.ReadAllText(Path.Combine(repo, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exits_1_and_lists_the_conflicts_left_in_the_repo()
    {
        using var temp = new TempFolder("conflict");
        var templates = await TemplateRepositoryAsync(temp);
        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@v1.0.0", "-o", "repo", "--no-validate"));
        var repo = temp.Combine("repo");
        Replace(Path.Combine(repo, "helm", "values.yaml"), "  terminationGracePeriodSeconds: 120", "  terminationGracePeriodSeconds: 300");

        var run = Run(temp);
        Assert.Equal(ExitCodes.Problems, await run.RunAsync("upgrade", "repo", "--allow-dirty"));

        Assert.Contains("1 file needs a person:", run.Error.Output, StringComparison.Ordinal);
        Assert.Contains("helm/values.yaml (1 conflict markers)", run.Error.Output, StringComparison.Ordinal);
        var values = File.ReadAllText(Path.Combine(repo, "helm", "values.yaml"));
        Assert.Contains("<<<<<<< local (your repo)\n  terminationGracePeriodSeconds: 300\n||||||| hypertrace-kafka 1.0.0\n  terminationGracePeriodSeconds: 120\n=======\n  terminationGracePeriodSeconds: 180\n>>>>>>> hypertrace-kafka 1.1.0", values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_and_check_cover_a_fleet_with_a_summary_table()
    {
        using var temp = new TempFolder("fleet");
        var templates = await TemplateRepositoryAsync(temp);
        foreach (var (name, tag) in new[] { ("a", "v1.0.0"), ("b", "v1.1.0"), ("c", "v1.0.0") })
            Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@{tag}", "-o", $"repos/{name}", "--no-validate"));

        var diff = Run(temp);
        Assert.Equal(ExitCodes.Success, await diff.RunAsync("diff", "repos/*"));
        var table = diff.Out.Output;
        Assert.Contains("Clean files", table, StringComparison.Ordinal);
        Assert.Matches(@"repos/a\s+1\.0\.0\s+1\.1\.0\s+\d+\s+0\s+changes", table);
        Assert.Matches(@"repos/b\s+1\.1\.0\s+1\.1\.0\s+0\s+0\s+up to date", table);

        var check = Run(temp);
        Assert.Equal(ExitCodes.Problems, await check.RunAsync("check", "repos/*", "--format", "json"));
        var rows = System.Text.Json.Nodes.JsonNode.Parse(check.Out.Output)!.AsArray();
        Assert.Equal(["behind", "up to date", "behind"], rows.Select(r => r!["status"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_folder_that_was_not_generated_is_bad_input()
    {
        using var temp = new TempFolder("not-generated");
        Directory.CreateDirectory(temp.Combine("plain"));
        var run = Run(temp);
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("upgrade", "plain"));
        Assert.Contains("has no .kafka-templates.yaml", run.Error.Output, StringComparison.Ordinal);
    }
}
