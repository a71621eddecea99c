using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests;

/// <summary>Exit codes from real invocations of the built tool, as scripts and CI see them.</summary>
public class ProcessExitCodeTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "kafka-templates.dll");

    private static Task<KafkaTemplates.Engine.Tools.ToolResult> Run(string workingDirectory, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Tool, .. args], workingDirectory, new Dictionary<string, string?> { ["CI"] = "true" });

    [Fact]
    public async Task Exit_0_when_a_repo_is_created()
    {
        using var temp = new TempFolder();
        var result = await Run(temp.Path, "new", "hypertrace-kafka", "-o", "payments", "--no-validate");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(temp.Combine("payments", ".kafka-templates.yaml")));
    }

    [Fact]
    public async Task Exit_1_when_the_command_ran_and_found_problems()
    {
        var templates = RepoRoot.Combine("tests", "KafkaTemplates.Cli.Tests", "Fixtures", "templates");
        var result = await Run(Path.GetTempPath(), "list", "--templates", templates);
        Assert.True(result.ExitCode == 1, result.ToString());
    }

    [Theory]
    [InlineData("new", "no-such-template", "-o", "x")]
    [InlineData("new", "hypertrace-kafka", "-o", "x", "--set", "brokers=zero")]
    [InlineData("new", "hypertrace-kafka", "--no-such-flag")]
    [InlineData("frobnicate")]
    public async Task Exit_2_for_bad_input_with_a_message_on_stderr(params string[] args)
    {
        using var temp = new TempFolder();
        var result = await Run(temp.Path, args);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error:", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Serve_on_a_port_in_use_says_so_in_one_line_with_exit_2()
    {
        using var temp = new TempFolder();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var result = await Run(temp.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--data", "data");

        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = (result.StandardOutput + result.StandardError).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith($"error: cannot listen on http://127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
    }
}
