using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

public class ListAndDescribeTests
{
    private static string Templates => RepoRoot.Combine("tests", "KafkaTemplates.Cli.Tests", "Fixtures", "templates");

    [Fact]
    public async Task List_shows_the_shipped_templates()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("list"));
        Assert.Contains("hypertrace-kafka", run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("2.1.0", run.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_tools_version()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("--version"));
        Assert.Matches(@"^[0-9]+\.[0-9]+\.[0-9]+\S*$", run.Out.Output.Trim());
    }

    [Fact]
    public async Task List_exits_1_when_a_template_cannot_load_and_says_why()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Problems, await run.RunAsync("list", "--templates", Templates, "--format", "json"));
        var list = System.Text.Json.Nodes.JsonNode.Parse(run.Out.Output)!.AsArray();
        Assert.Contains(list, e => e!["id"]!.GetValue<string>() == "greeting" && e["version"]!.GetValue<string>() == "0.3.0");
        Assert.Contains(list, e => e!["id"]!.GetValue<string>() == "broken" && e["error"]!.GetValue<string>().Contains("unknown action 'no:such-action'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Describe_lists_every_parameter_with_type_default_choices_and_description()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("describe", "greeting", "--templates", Templates));
        var o = run.Out.Output;
        Assert.Contains("Greeting (greeting 0.3.0)", o, StringComparison.Ordinal);
        Assert.Contains("name (required)", o, StringComparison.Ordinal);
        Assert.Contains("Who to greet.", o, StringComparison.Ordinal);
        Assert.Contains("plain (Plain) | loud (Loud)", o, StringComparison.Ordinal);
        Assert.Contains("\"plain\"", o, StringComparison.Ordinal);
        Assert.Contains("token (secret)", o, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_of_the_shipped_template_covers_every_fixed_parameter()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("describe", "hypertrace-kafka", "--format", "json"));
        var names = System.Text.Json.Nodes.JsonNode.Parse(run.Out.Output)!["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>());
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "name", "owner", "namespace", "description", "brokers", "storageSize", "storageClass", "imageRepository", "ci" });
    }

    [Theory]
    [InlineData("list", "--help")]
    [InlineData("new", "--help")]
    [InlineData("describe", "--help")]
    public async Task Help_is_complete_and_exits_0(params string[] args)
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync(args));
        Assert.Contains("USAGE:", run.Out.Output, StringComparison.Ordinal);
        if (args[0] == "new")
        {
            foreach (var option in new[] { "--output", "--set", "--values", "--dry-run", "--force", "--templates", "--format", "--no-validate", "--no-prompt" })
                Assert.Contains(option, run.Out.Output, StringComparison.Ordinal);
        }
    }
}
