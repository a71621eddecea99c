namespace KafkaTemplates.Testing;

/// <summary>
/// A git repository of templates as a team would host one: hypertrace-kafka 1.0.0 tagged v1.0.0, and a v1.1.0 that
/// lengthens the shutdown in values.yaml and rewords the alerts, so repos made from v1.0.0 have something to upgrade
/// (and a team that also changed the shutdown, a conflict).
/// </summary>
public static class TaggedTemplates
{
    /// <summary>The line v1.0.0 writes in helm/values.yaml and v1.1.0 changes to 180.</summary>
    public const string ShutdownLine = "  terminationGracePeriodSeconds: 120";

    /// <summary>Creates the repository at <paramref name="repo"/> and returns it.</summary>
    public static async Task<string> CreateAsync(string repo)
    {
        FolderCopy.Copy(RepoRoot.Combine("templates", "released", "hypertrace-kafka", "1.0.0"), Path.Combine(repo, "templates", "hypertrace-kafka"));
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "hypertrace-kafka 1.0.0");
        await TestGit.RunAsync(repo, "tag", "v1.0.0");

        var template = Path.Combine(repo, "templates", "hypertrace-kafka");
        Replace(Path.Combine(template, "template.yaml"), "kafka-templates.dev/version: 1.0.0", "kafka-templates.dev/version: 1.1.0");
        Replace(Path.Combine(template, "skeleton", "helm", "values.yaml"), ShutdownLine, "  terminationGracePeriodSeconds: 180");
        Replace(Path.Combine(template, "skeleton", "helm", "templates", "prometheusrule.yaml"), "summary:", "summary: ");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-am", "hypertrace-kafka 1.1.0: longer shutdown, alert wording");
        await TestGit.RunAsync(repo, "tag", "v1.1.0");
        return repo;
    }

    /// <summary>
    /// A team's repo at <paramref name="folder"/>: made by <c>kafka-templates new</c> from the tagged template at
    /// <paramref name="tag"/>, changed by <paramref name="edit"/>, committed on main.
    /// </summary>
    public static async Task<string> TeamRepoAsync(string templates, string folder, string tag, Action<string>? edit = null)
    {
        var parent = Path.GetDirectoryName(folder)!;
        var create = new CliRun { WorkingDirectory = parent, Variables = new() { [UseCases.UseCaseContext.CacheVariable] = Path.Combine(parent, "cache") } };
        await create.RunAsync("new", "hypertrace-kafka", "--templates", $"git+file://{templates}@{tag}", "-o", folder, "--set", "name=payments", "--no-validate");
        Assert.True(create.ExitCode == 0, create.ToString());
        edit?.Invoke(folder);
        await TestGit.RunAsync(folder, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(folder, "add", "-A");
        await TestGit.RunAsync(folder, "commit", "--quiet", "-m", "the team's repo");
        return folder;
    }

    /// <summary>Replaces text that must be there.</summary>
    public static void Replace(string file, string from, string to)
    {
        var text = File.ReadAllText(file);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(from, to, StringComparison.Ordinal));
    }
}
