using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// <c>export dotnet-new</c> through the CLI as a template author runs it: the command is built by the CLI's own
/// registrar, which builds only the use cases it registers, so a use case left out fails here and not first for a user.
/// </summary>
public class ExportDotnetNewTests
{
    [Fact]
    public async Task Check_on_the_shipped_template_finds_the_committed_dotnet_new_files_current()
    {
        var run = new CliRun { WorkingDirectory = RepoRoot.Path };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("export", "dotnet-new", "hypertrace-kafka", "--check"));
        run.ErrorShows("dotnet new files are up to date.");
    }

    [Fact]
    public async Task Export_writes_the_dotnet_new_files_of_a_copied_template_into_its_root()
    {
        using var temp = new TempFolder();
        FolderCopy.Copy(Path.Combine(RepoRoot.Path, "templates", "hypertrace-kafka"), temp.Combine("templates", "hypertrace-kafka"));
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.Success, await run.RunAsync("export", "dotnet-new", "hypertrace-kafka"));

        var written = Path.Combine(temp.Path, ".template.config", "template.json");
        Assert.True(File.Exists(written), run.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(RepoRoot.Path, ".template.config", "template.json")), File.ReadAllText(written));
    }
}
