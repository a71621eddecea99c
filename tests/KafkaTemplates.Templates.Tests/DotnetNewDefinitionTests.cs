using KafkaTemplates.Engine.Export.DotnetNew;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>.template.config is derived from template.yaml; these tests keep the committed copy honest and usable.</summary>
public class DotnetNewDefinitionTests
{
    [Fact]
    public void The_committed_dotnet_new_files_are_a_fresh_export_of_template_yaml()
    {
        var fresh = DotnetNewExporter.Export(FrontDoors.Template, DotnetNewExportOptions.ForKafkaTemplates(FrontDoors.Template, RepoRoot.Path));
        var committed = new FileSet();
        foreach (var file in fresh) committed.Put(new GeneratedFile(file.Path, File.ReadAllBytes(RepoRoot.Combine(file.Path)), file.Mode));

        var differences = GoldenFolder.Compare(expected: committed, actual: fresh);

        Assert.True(differences.Length == 0,
            "The dotnet new files are stale. Run `dotnet run --project src/KafkaTemplates.Cli -- export dotnet-new hypertrace-kafka` and commit:\n" + differences);
    }

    [Fact]
    public async Task Dotnet_new_help_lists_every_parameter_with_description_default_and_choices()
    {
        var hive = await DotnetNewHive.RepositoryAsync();
        var result = await ProcessRunner.RunAsync("dotnet", ["new", "hypertrace-kafka", "--help", "--debug:custom-hive", hive], RepoRoot.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var help = result.StandardOutput;
        foreach (var d in FrontDoors.Template.Parameters.Definitions.Where(d => d.Name != "name"))
        {
            // Booleans are flags; other options take a value (--owner <owner>); dotnet new's own words get --param:.
            var option = DotnetNewExporter.ReservedByDotnetNew.Contains(d.Name) ? "--param:" + d.Name : "--" + d.Name;
            Assert.Contains(option + (d.Type == "boolean" ? "" : " <"), help, StringComparison.Ordinal);
            Assert.Contains(d.Description!.Split(' ')[0], help, StringComparison.Ordinal);
        }
        Assert.Contains("Default: platform", help, StringComparison.Ordinal);
        Assert.Contains("Default: 3", help, StringComparison.Ordinal);
        Assert.Contains("github", help, StringComparison.Ordinal);
        Assert.Contains("gitlab", help, StringComparison.Ordinal);
        Assert.Contains("dedicated", help, StringComparison.Ordinal);
        Assert.Contains("-n, --name", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_template_package_installs_and_renders_the_same_repo()
    {
        using var work = new TempFolder("pack");
        var pack = await ProcessRunner.RunAsync("dotnet",
            ["pack", RepoRoot.Combine("src", "KafkaTemplates.Templates.Package", "KafkaTemplates.Templates.Package.csproj"), "-o", work.Combine("nupkg"), "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            RepoRoot.Path);
        Assert.True(pack.ExitCode == 0, pack.ToString());
        var package = Directory.EnumerateFiles(work.Combine("nupkg"), "*.nupkg").Single();
        var hive = await DotnetNewHive.InstallAsync(package);
        var answers = HypertraceKafkaAnswers.All[1];
        Directory.CreateDirectory(work.Combine("out"));

        var args = new List<string> { "new", "hypertrace-kafka", "--debug:custom-hive", hive, "-o", answers.Folder, "--allow-scripts", "no" };
        foreach (var (k, v) in answers.Answers) args.AddRange(k == "name" ? ["-n", v] : ["--" + k, v]);
        var created = await ProcessRunner.RunAsync("dotnet", args, work.Combine("out"));
        Assert.True(created.ExitCode is 0 or 105, created.ToString());

        var differences = GoldenFolder.Compare(FileSet.FromDirectory(work.Combine("out", answers.Folder)), await FrontDoors.EngineAsync(answers));
        Assert.True(differences.Length == 0, differences);
    }
}
