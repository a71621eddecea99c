using System.Text.RegularExpressions;
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

        // The team's repo as the earlier release wrote it (builtin hypertrace-kafka 0.9.0), with one edit of its own.
        AtomicDirectoryWriter.Write(await RenderAsync(tool.ReleasedTemplate), repo);
        File.AppendAllText(Path.Combine(repo, "helm", "values.yaml"), "# sized for the payments load test\n");
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "payments-kafka");

        var check = await ProcessRunner.RunAsync(tool.Executable, ["check", "payments"], temp.Path, NoPrompt);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("0.9.0", check.StandardOutput, StringComparison.Ordinal);

        var upgrade = await ProcessRunner.RunAsync(tool.Executable, ["upgrade", "payments"], temp.Path, NoPrompt);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());

        // Exactly the current release's repo plus the team's line: the template's change applied, modes unchanged.
        var expected = await RenderAsync(RepoRoot.Combine("templates", "hypertrace-kafka"));
        var values = expected["helm/values.yaml"];
        expected.Put(GeneratedFile.FromText(values.Path, values.ReadText() + "# sized for the payments load test\n", values.Mode));
        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(repo, path => !path.StartsWith(".git/", StringComparison.Ordinal)));
        Assert.True(differences.Length == 0, differences);
    }

    private static async Task<FileSet> RenderAsync(string templateFolder)
    {
        var engine = new EngineServices();
        var template = engine.Loader.Load(templateFolder, TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "payments"));
        return (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
    }
}

/// <summary>
/// The tool packed once from a source archive of this repository (its files, no .git and so no tags), installed into
/// a tool path. The archive's templates/released holds one more release than the tree: hypertrace-kafka 0.9.0, whose
/// README differs and whose entry script was not executable.
/// </summary>
public sealed class PackedTool : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new("tool");

    public string Executable => _temp.Combine("tools", "kafka-templates");

    /// <summary>hypertrace-kafka as released at 0.9.0.</summary>
    public string ReleasedTemplate => _temp.Combine("source", "templates", "released", "hypertrace-kafka", "0.9.0");

    public async Task InitializeAsync()
    {
        var source = _temp.Combine("source");
        Directory.CreateDirectory(source);
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", ".editorconfig", "README.md" })
            File.Copy(RepoRoot.Combine(file), Path.Combine(source, file));
        foreach (var folder in new[] { "src", "templates" })
            CopySources(RepoRoot.Combine(folder), Path.Combine(source, folder));

        var template = ReleasedTemplate;
        FolderCopy.Copy(RepoRoot.Combine("templates", "hypertrace-kafka"), template);
        var definition = Path.Combine(template, "template.yaml");
        File.WriteAllText(definition, Regex.Replace(File.ReadAllText(definition), @"kafka-templates\.dev/version: \S+", "kafka-templates.dev/version: 0.9.0"));
        Replace(Path.Combine(template, "skeleton", "README.md"), "\n", "\nThis repo was generated by hypertrace-kafka 0.9.0.\n", once: true);
        // In 0.9.0 the entry script was not yet executable: the mode change must reach the team's repo too.
        File.SetUnixFileMode(Path.Combine(template, "skeleton", "docker", "entrypoint.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var pack = await ProcessRunner.RunAsync("dotnet",
            ["pack", Path.Combine(source, "src", "KafkaTemplates.Cli", "KafkaTemplates.Cli.csproj"), "-c", "Release", "-o", _temp.Combine("nupkg"), "--nologo",
             "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            source, timeout: TimeSpan.FromMinutes(10));
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var install = await ProcessRunner.RunAsync("dotnet",
            ["tool", "install", "KafkaTemplates.Cli", "--tool-path", _temp.Combine("tools"), "--add-source", _temp.Combine("nupkg"), "--ignore-failed-sources"],
            _temp.Path,
            // A private package cache: the user's cache may hold an older build under the same id and version.
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _temp.Combine("nuget-packages") });
        Assert.True(install.ExitCode == 0, install.ToString());
    }

    /// <summary>The files a source archive holds: no build output.</summary>
    private static void CopySources(string from, string to)
    {
        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            if (Path.GetFileName(dir) is "bin" or "obj") continue;
            CopySources(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            var dest = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, dest);
            File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();



    private static void Replace(string file, string from, string to, bool once = false)
    {
        var text = File.ReadAllText(file);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{file} has no '{from}'");
        File.WriteAllText(file, once || text.IndexOf(from, at + 1, StringComparison.Ordinal) < 0
            ? string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length))
            : throw new InvalidOperationException($"{file} has '{from}' more than once"));
    }
}
