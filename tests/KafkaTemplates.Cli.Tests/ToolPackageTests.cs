using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests;

/// <summary>
/// The dotnet tool as users get it: packed, installed from the package, run. Its templates travel inside the
/// package, dot-files and executable bits included, so it writes what the engine writes from the repository.
/// </summary>
public class ToolPackageTests
{
    [Fact]
    public async Task The_installed_tool_scaffolds_the_same_repo_as_the_engine()
    {
        using var temp = new TempFolder("tool");
        var pack = await ProcessRunner.RunAsync("dotnet",
            ["pack", RepoRoot.Combine("src", "KafkaTemplates.Cli", "KafkaTemplates.Cli.csproj"), "-c", "Release", "-o", temp.Combine("nupkg"), "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            RepoRoot.Path, timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var install = await ProcessRunner.RunAsync("dotnet",
            ["tool", "install", "KafkaTemplates.Cli", "--tool-path", temp.Combine("tools"), "--add-source", temp.Combine("nupkg"), "--ignore-failed-sources"],
            temp.Path);
        Assert.True(install.ExitCode == 0, install.ToString());

        var created = await ProcessRunner.RunAsync(temp.Combine("tools", "kafka-templates"),
            ["new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments", "--no-validate"], temp.Path,
            new Dictionary<string, string?> { ["CI"] = "true" });
        Assert.True(created.ExitCode == 0, created.ToString());

        var engine = new EngineServices();
        var template = engine.Loader.Load(RepoRoot.Combine("templates", "hypertrace-kafka"), TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "payments"));
        var expected = (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;

        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(temp.Combine("payments")));
        Assert.True(differences.Length == 0, differences);
        Assert.Equal(RepoFileMode.Executable, RepoFileModes.Read(temp.Combine("payments", "docker", "entrypoint.sh")));
    }
}
