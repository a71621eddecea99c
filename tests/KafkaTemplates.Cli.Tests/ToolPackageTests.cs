using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests;

/// <summary>
/// The dotnet tool as users get it: packed, installed from the package, run. Its templates travel inside the
/// package, dot-files and executable bits included, so it writes what the engine writes from the repository. So do
/// the earlier releases of its templates, so a new release of the tool upgrades the repos its older releases created.
/// </summary>
public class ToolPackageTests(PackedTool tool) : IClassFixture<PackedTool>
{
    private static readonly Dictionary<string, string?> NoPrompt = new() { ["CI"] = "true" };

    [Fact]
    public async Task The_installed_tool_scaffolds_the_same_repo_as_the_engine()
    {
        using var temp = new TempFolder("tool-new");
        var created = await ProcessRunner.RunAsync(tool.Executable,
            ["new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments", "--no-validate"], temp.Path, NoPrompt);
        Assert.True(created.ExitCode == 0, created.ToString());

        var expected = await RenderAsync(RepoRoot.Combine("templates", "hypertrace-kafka"));
        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(temp.Combine("payments")));
        Assert.True(differences.Length == 0, differences);
        Assert.Equal(RepoFileMode.Executable, RepoFileModes.Read(temp.Combine("payments", "docker", "entrypoint.sh")));
    }

    [Fact]
    public async Task The_installed_tool_upgrades_a_repo_that_an_earlier_release_created_from_its_shipped_templates()
    {
        using var temp = new TempFolder("tool-upgrade");
        var repo = temp.Combine("payments");

        // The team's repo as the earlier release wrote it (builtin hypertrace-kafka 1.0.0, kept in the tree), with one edit of its own.
        AtomicDirectoryWriter.Write(await RenderAsync(RepoRoot.Combine("templates", "released", "hypertrace-kafka", "1.0.0")), repo);
        File.AppendAllText(Path.Combine(repo, "helm", "values.yaml"), "# sized for the payments load test\n");
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "payments-kafka");

        var check = await ProcessRunner.RunAsync(tool.Executable, ["check", "payments"], temp.Path, NoPrompt);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("1.0.0", check.StandardOutput, StringComparison.Ordinal);

        var upgrade = await ProcessRunner.RunAsync(tool.Executable, ["upgrade", "payments"], temp.Path, NoPrompt);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());

        // Exactly the current release's repo, with the answers its migration sets for 1.x repos, plus the team's line.
        var expected = await RenderAsync(RepoRoot.Combine("templates", "hypertrace-kafka"), ("authMode", "none"), ("certSource", "none"));
        var values = expected["helm/values.yaml"];
        expected.Put(GeneratedFile.FromText(values.Path, values.ReadText() + "# sized for the payments load test\n", values.Mode));
        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(repo, path => !path.StartsWith(".git/", StringComparison.Ordinal)));
        Assert.True(differences.Length == 0, differences);
    }

    private static async Task<FileSet> RenderAsync(string templateFolder, params (string Name, string Value)[] answers)
    {
        var engine = new EngineServices();
        var template = engine.Loader.Load(templateFolder, TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "payments"));
        foreach (var (name, value) in answers) input.FromSet.Add(new(name, value));
        return (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
    }
}

/// <summary>
/// The tool packed once from this repository and installed into a tool path. Its earlier releases are the ones kept
/// in the tree (templates/released), so no git tag is involved.
/// </summary>
public sealed class PackedTool : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new("tool");

    public string Executable => _temp.Combine("tools", "kafka-templates");

    public async Task InitializeAsync()
    {
        var pack = await ProcessRunner.RunAsync("dotnet",
            ["pack", RepoRoot.Combine("src", "KafkaTemplates.Cli", "KafkaTemplates.Cli.csproj"), "-c", "Release", "-o", _temp.Combine("nupkg"), "--nologo",
             "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            RepoRoot.Path, timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var install = await ProcessRunner.RunAsync("dotnet",
            ["tool", "install", "KafkaTemplates.Cli", "--tool-path", _temp.Combine("tools"), "--add-source", _temp.Combine("nupkg"), "--ignore-failed-sources"],
            _temp.Path,
            // A private package cache: the user's cache may hold an older build under the same id and version.
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _temp.Combine("nuget-packages") });
        Assert.True(install.ExitCode == 0, install.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}
