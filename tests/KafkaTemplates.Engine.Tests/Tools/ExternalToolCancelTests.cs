using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Tools;

/// <summary>
/// A run its caller gives up on (a test server that never came up) still tells what the tool wrote and how it ended,
/// so the failure explains itself.
/// </summary>
public class ExternalToolCancelTests
{
    [Fact]
    public async Task A_cancelled_run_kills_the_tool_and_keeps_what_it_wrote_to_stdout_and_stderr()
    {
        using var folder = new TempFolder("cancel");
        var wrote = folder.Combine("wrote");
        using var stop = new CancellationTokenSource();
        var run = ExternalTool.RunAsync("sh", ["-c", $"echo starting; echo still loading >&2; touch '{wrote}'; exec sleep 600"],
            new ExternalToolOptions { Timeout = TimeSpan.FromMinutes(10) }, stop.Token);
        using (var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            while (!File.Exists(wrote)) await Task.Delay(20, guard.Token);
        }

        await stop.CancelAsync();
        var cancelled = await Assert.ThrowsAsync<ToolCanceledException>(() => run);

        Assert.Equal(stop.Token, cancelled.CancellationToken);
        Assert.Equal("starting\n", cancelled.Output.StandardOutput);
        Assert.Equal("still loading\n", cancelled.Output.StandardError);
        Assert.Equal(128 + 9, cancelled.Output.ExitCode);
        Assert.Contains("sh was stopped (SIGKILL)", cancelled.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_ends_by_itself_returns_both_streams_whole()
    {
        var result = await ExternalTool.RunAsync("sh", ["-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"]);

        Assert.Equal(new ToolResult(3, "out\n", "err\n"), result);
    }
}
