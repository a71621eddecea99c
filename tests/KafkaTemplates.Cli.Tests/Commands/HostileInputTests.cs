using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.UseCases;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// Answers files and git sources are written by whoever can open a pull request (the template-check workflow runs
/// `check` on every one): reading them never runs a command. And a conflict an upgrade left is a state the tool
/// reports everywhere until a person resolves it. Every attack input is made by the test itself.
/// </summary>
public class HostileInputTests
{
    private static CliRun Run(TempFolder temp) => new() { WorkingDirectory = temp.Path, Variables = new() { [UseCaseContext.CacheVariable] = temp.Combine("cache") } };

    /// <summary>hypertrace-kafka tagged as releases are told to tag it: hypertrace-kafka/v1.0.0, then a 1.1.0 that changes values and adds a doc.</summary>
    private static async Task<string> ReleasedTemplatesAsync(TempFolder temp)
    {
        var repo = temp.Combine("templates-git");
        FolderCopy.Copy(RepoRoot.Combine("templates", "released", "hypertrace-kafka", "1.0.0"), Path.Combine(repo, "templates", "hypertrace-kafka"));
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "1.0.0");
        await TestGit.RunAsync(repo, "tag", "hypertrace-kafka/v1.0.0");
        var template = Path.Combine(repo, "templates", "hypertrace-kafka");
        Replace(Path.Combine(template, "template.yaml"), "kafka-templates.dev/version: 1.0.0", "kafka-templates.dev/version: 1.1.0");
        Replace(Path.Combine(template, "skeleton", "helm", "values.yaml"), "  terminationGracePeriodSeconds: 120", "  terminationGracePeriodSeconds: 180");
        File.WriteAllText(Path.Combine(template, "skeleton", "docs", "upgrading.md"), "# Upgrading\n");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "1.1.0");
        await TestGit.RunAsync(repo, "tag", "hypertrace-kafka/v1.1.0");
        return repo;
    }

    /// <summary>Console output with its wrapping undone, so a message can be found whole.</summary>
    private static string Flat(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");

    private static void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task<string> NewRepoAsync(TempFolder temp, string templates, string name = "repo")
    {
        var run = Run(temp);
        var code = await run.RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@hypertrace-kafka/v1.0.0", "-o", name, "--no-validate");
        Assert.True(code == ExitCodes.Success, run.Error.Output);
        return temp.Combine(name);
    }

    public static TheoryData<string, string> HostileSources(string marker) => new()
    {
        { $"git+--upload-pack=touch {marker}@x", "starts with '-'" },
        { $"git+--upload-pack=touch%20{marker}@v1.0.0", "starts with '-'" },
        { $"git+ext::sh -c touch% {marker}@v1.0.0", "holds a space" },
        { $"git+ext::sh%20-c%20touch%20{marker}@v1.0.0", "remote helper" },
        { "git+fd::3@v1.0.0", "remote helper" },
        { $"git+https://example.com/x.git --upload-pack=touch {marker}@v1.0.0", "holds a space" },
        { $"git+-oProxyCommand=touch {marker}:x@v1.0.0", "starts with '-'" },
        { $"git+ssh://-oProxyCommand=touch%20{marker}/x@v1.0.0", "is not an accepted git source" },
        { $"git+gopher://example.com/x@v1.0.0", "transport 'gopher' is not accepted" },
        { $"git+file:///tmp/x@--upload-pack=touch {marker}", "without a tag" },
    };

    [Theory]
    [InlineData("check")]
    [InlineData("diff")]
    [InlineData("upgrade")]
    public async Task A_hostile_git_source_in_the_answers_file_runs_nothing_and_is_bad_input(string command)
    {
        using var temp = new TempFolder("inject");
        var marker = temp.Combine("pwned");
        foreach (var (source, problem) in HostileSources(marker).Select(r => ((string)r[0], (string)r[1])))
        {
            var repo = temp.Combine("repo");
            Directory.CreateDirectory(repo);
            File.WriteAllText(Path.Combine(repo, AnswersFile.FileName),
                $"template: hypertrace-kafka\nversion: 1.0.0\nsource: \"{source}\"\nanswers:\n  name: repo\n");

            var run = Run(temp);
            var code = await run.RunAsync(command switch
            {
                "upgrade" => [command, "repo", "--allow-dirty"],
                "check" => [command, "repo", "--format", "json"],
                _ => [command, "repo"],
            });

            Assert.True(code == ExitCodes.BadInput, $"{source}: exit {code}\n{run.Error.Output}{run.Out.Output}");
            Assert.Contains(problem, Flat(run.Error.Output + run.Out.Output), StringComparison.Ordinal);
            Assert.False(File.Exists(marker), $"{source} ran a command");
        }
    }

    [Fact]
    public async Task A_hostile_git_source_on_the_command_line_runs_nothing()
    {
        using var temp = new TempFolder("inject");
        var marker = temp.Combine("pwned");
        foreach (var (source, _) in HostileSources(marker).Select(r => ((string)r[0], (string)r[1])))
        {
            var run = Run(temp);
            Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "--templates", source, "-o", "repo"));
            Assert.False(File.Exists(marker), $"{source} ran a command");
            Assert.False(Directory.Exists(temp.Combine("repo")));
        }
    }

    [Fact]
    public async Task Git_ignores_a_repos_config_that_would_run_commands()
    {
        using var temp = new TempFolder("gitconfig");
        var repo = temp.Combine("repo");
        File.WriteAllText(temp.Write("repo/README.md", "x\n"), "x\n");
        await TestGit.RunAsync(repo, "init", "--quiet");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "x");
        var marker = temp.Combine("pwned");
        var hook = temp.Write("hook.sh", $"#!/bin/sh\ntouch {marker}\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await TestGit.RunAsync(repo, "config", "core.fsmonitor", hook);
        File.WriteAllText(Path.Combine(repo, "README.md"), "changed\n");

        // The attack is real: plain git status runs the repo's fsmonitor command.
        await ProcessRunner.RunAsync("git", ["status", "--porcelain"], repo);
        Assert.True(File.Exists(marker), "git status did not run core.fsmonitor; the test proves nothing");
        File.Delete(marker);

        Assert.Equal(["README.md"], GitWorkingTree.UncommittedChanges(repo));
        Assert.False(File.Exists(marker), "the tool's git ran core.fsmonitor");
    }

    [Fact]
    public async Task The_release_tag_form_template_slash_version_is_a_git_source_for_new_diff_and_upgrade()
    {
        using var temp = new TempFolder("tags");
        var templates = await ReleasedTemplatesAsync(temp);
        var repo = await NewRepoAsync(temp, templates);
        Assert.Equal($"git+file://{templates}@hypertrace-kafka/v1.0.0", AnswersFile.Read(Path.Combine(repo, AnswersFile.FileName)).Source.ToString());

        var check = Run(temp);
        Assert.Equal(ExitCodes.Problems, await check.RunAsync("check", "repo"));
        Assert.Contains("behind", check.Out.Output, StringComparison.Ordinal);

        var upgrade = Run(temp);
        var code = await upgrade.RunAsync("upgrade", "repo", "--allow-dirty", "--to", $"git+file://{templates}@hypertrace-kafka/v1.1.0");
        Assert.True(code == ExitCodes.Success, upgrade.Error.Output);
        var answers = AnswersFile.Read(Path.Combine(repo, AnswersFile.FileName));
        Assert.Equal(("1.1.0", $"git+file://{templates}@hypertrace-kafka/v1.1.0"), (answers.Version.ToString(), answers.Source.ToString()));
        Assert.True(File.Exists(Path.Combine(repo, "docs", "upgrading.md")));
    }

    [Fact]
    public async Task Upgrade_refuses_to_write_through_a_linked_folder_as_new_force_does()
    {
        using var temp = new TempFolder("linked");
        var templates = await ReleasedTemplatesAsync(temp);
        var repo = await NewRepoAsync(temp, templates);
        var elsewhere = temp.Combine("elsewhere");
        Directory.Move(Path.Combine(repo, "docs"), elsewhere);
        Directory.CreateSymbolicLink(Path.Combine(repo, "docs"), elsewhere);
        var before = Directory.EnumerateFiles(elsewhere).Select(Path.GetFileName).Order().ToList();

        var upgrade = Run(temp);
        Assert.Equal(ExitCodes.BadInput, await upgrade.RunAsync("upgrade", "repo", "--allow-dirty"));
        var force = Run(temp);
        Assert.Equal(ExitCodes.BadInput, await force.RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@hypertrace-kafka/v1.1.0", "-o", "repo", "--force", "--no-validate"));

        foreach (var output in new[] { upgrade.Error.Output, force.Error.Output })
            Assert.Contains($"docs' is a symbolic link (to {elsewhere}), and the template writes docs/", Flat(output), StringComparison.Ordinal);
        Assert.Equal(before, Directory.EnumerateFiles(elsewhere).Select(Path.GetFileName).Order().ToList());
        Assert.Equal("1.0.0", AnswersFile.Read(Path.Combine(repo, AnswersFile.FileName)).Version.ToString());
    }

    [Fact]
    public async Task A_conflict_left_by_an_upgrade_is_reported_by_upgrade_diff_check_and_validate_until_it_is_resolved()
    {
        using var temp = new TempFolder("conflict");
        var templates = await ReleasedTemplatesAsync(temp);
        var repo = await NewRepoAsync(temp, templates);
        var valuesPath = Path.Combine(repo, "helm", "values.yaml");
        Replace(valuesPath, "  terminationGracePeriodSeconds: 120", "  terminationGracePeriodSeconds: 300");
        Assert.Equal(ExitCodes.Problems, await Run(temp).RunAsync("upgrade", "repo", "--allow-dirty"));
        var conflicted = File.ReadAllText(valuesPath);
        var markerLine = conflicted.Split('\n').ToList().FindIndex(l => l.StartsWith("<<<<<<<", StringComparison.Ordinal)) + 1;

        var again = Run(temp);
        Assert.Equal(ExitCodes.Problems, await again.RunAsync("upgrade", "repo", "--allow-dirty"));
        var output = Flat(again.Out.Output + again.Error.Output);
        Assert.Contains($"helm/values.yaml (conflict markers at line {markerLine})", output, StringComparison.Ordinal);
        Assert.Contains("1 file still holds a conflict left by an earlier upgrade", output, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing to change", output, StringComparison.Ordinal);
        Assert.Equal(conflicted, File.ReadAllText(valuesPath));

        var diff = Run(temp);
        Assert.Equal(ExitCodes.Problems, await diff.RunAsync("diff", "repo"));
        Assert.Contains("unresolved conflict", diff.Out.Output, StringComparison.Ordinal);

        var check = Run(temp);
        Assert.Equal(ExitCodes.Problems, await check.RunAsync("check", "repo"));
        Assert.Contains("unresolved conflicts (1 files)", check.Out.Output, StringComparison.Ordinal);
        Assert.Contains("helm/values.yaml", check.Error.Output, StringComparison.Ordinal);

        var validate = Run(temp);
        Assert.Equal(ExitCodes.Problems, await validate.RunAsync("validate", "repo", "--format", "json"));
        Assert.Contains("\"code\": \"KT1007\"", validate.Out.Output, StringComparison.Ordinal);
        Assert.Contains($"\"line\": {markerLine}", validate.Out.Output, StringComparison.Ordinal);
        var explain = Run(temp);
        Assert.Equal(ExitCodes.Success, await explain.RunAsync("validate", "--explain", "KT1007"));
        Assert.Contains("conflict markers", explain.Out.Output, StringComparison.Ordinal);

        // Resolved: the team keeps its own value, and every command is back to normal.
        var resolved = string.Join('\n', conflicted.Split('\n')
            .Where(l => !l.StartsWith("<<<<<<<", StringComparison.Ordinal) && !l.StartsWith("|||||||", StringComparison.Ordinal) && !l.StartsWith("=======", StringComparison.Ordinal) && !l.StartsWith(">>>>>>>", StringComparison.Ordinal))
            .Where(l => l != "  terminationGracePeriodSeconds: 120" && l != "  terminationGracePeriodSeconds: 180"));
        File.WriteAllText(valuesPath, resolved);
        var after = Run(temp);
        Assert.Equal(ExitCodes.Success, await after.RunAsync("check", "repo"));
        Assert.Contains("up to date", after.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rej_file_is_an_unresolved_conflict_too()
    {
        using var temp = new TempFolder("rej");
        var templates = await ReleasedTemplatesAsync(temp);
        var repo = await NewRepoAsync(temp, templates);
        Replace(Path.Combine(repo, "helm", "values.yaml"), "  terminationGracePeriodSeconds: 120", "  terminationGracePeriodSeconds: 300");
        Assert.Equal(ExitCodes.Problems, await Run(temp).RunAsync("upgrade", "repo", "--allow-dirty", "--conflict", "rej"));

        var again = Run(temp);
        Assert.Equal(ExitCodes.Problems, await again.RunAsync("upgrade", "repo", "--allow-dirty"));
        Assert.Contains("helm/values.yaml.rej", again.Out.Output, StringComparison.Ordinal);

        File.Delete(Path.Combine(repo, "helm", "values.yaml.rej"));
        Assert.Equal(ExitCodes.Success, await Run(temp).RunAsync("check", "repo"));
    }

    [Fact]
    public async Task An_empty_output_folder_is_bad_input_naming_the_flag()
    {
        using var temp = new TempFolder("empty-o");
        var run = Run(temp);
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", ""));
        Assert.Contains("-o is empty; give the folder to create", run.Error.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("already exists", run.Error.Output, StringComparison.Ordinal);
    }
}
