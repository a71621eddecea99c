using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Testing;
using KafkaTemplates.UseCases;

namespace KafkaTemplates.Cli.Tests;

/// <summary>The tool's build carries the released template versions kept in the tree, modes included.</summary>
public class ShippedReleasesTests
{
    private static readonly string[] KnownReleases = ["hypertrace-kafka/1.0.0", "hypertrace-kafka/2.0.0", "hypertrace-kafka/2.1.0"];

    [Fact]
    public async Task The_tool_renders_each_release_from_the_files_it_ships_without_any_git()
    {
        var engine = new EngineServices();
        foreach (var release in KnownReleases)
        {
            var (id, version) = (release.Split('/')[0], release.Split('/')[1]);
            var shipped = Path.Combine(TemplateCatalog.ReleasedRoot, id, version);
            Assert.True(Directory.Exists(shipped), $"the build does not ship {release} beside its templates");
            var template = engine.Loader.Load(shipped, TemplateSource.Builtin);
            var input = new AnswerInput();
            input.FromSet.Add(new("name", "payments"));
            var files = (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
            Assert.True(files.Contains("helm/values.yaml"));
            Assert.Equal(RepoFileMode.Executable, files["docker/entrypoint.sh"].Mode);
        }
    }

    [Fact]
    public async Task A_repo_made_by_1_0_0_upgrades_with_the_shipped_releases_and_validate_says_what_is_left()
    {
        using var temp = new TempFolder("released-upgrade");
        var engine = new EngineServices();
        var template = engine.Loader.Load(Path.Combine(TemplateCatalog.ReleasedRoot, "hypertrace-kafka", "1.0.0"), TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        var repo = temp.Combine("payments");
        AtomicDirectoryWriter.Write((await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files, repo);
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "payments-kafka from hypertrace-kafka 1.0.0");

        var upgrade = new CliRun { WorkingDirectory = temp.Path, Variables = new() { [UseCaseContext.CacheVariable] = temp.Combine("cache") } };
        Assert.True(await upgrade.RunAsync("upgrade", "payments") == ExitCodes.Success, upgrade.ToString());

        var validate = new CliRun { WorkingDirectory = temp.Path };
        var code = await validate.RunAsync("validate", "payments", "--format", "json");
        Assert.True(code == ExitCodes.Success, validate.ToString());
        validate.OutShows("\"KT4012\"");
        Assert.DoesNotContain("\"error\"", validate.Out.Output, StringComparison.Ordinal);
    }
}
