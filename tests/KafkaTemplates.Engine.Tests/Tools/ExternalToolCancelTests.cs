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
    public async Task Each_line_of_stderr_is_seen_while_the_tool_runs_and_the_result_still_holds_it_all()
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        // Two writes make one line, "é" is two bytes, and the tool keeps running after it: as a server says where it listens.
        var run = ExternalTool.RunAsync("sh", ["-c", "printf 'starting é\r\nListening on ' >&2; sleep 0.2; printf 'http://127.0.0.1:41234\n' >&2; exec sleep 600"],
            new ExternalToolOptions
            {
                Timeout = TimeSpan.FromMinutes(10),
                StandardErrorLine = line =>
                {
                    lines.Enqueue(line);
                    if (line.StartsWith("Listening on ", StringComparison.Ordinal)) listening.TrySetResult();
                },
            }, stop.Token);

        await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        var cancelled = await Assert.ThrowsAsync<ToolCanceledException>(() => run);

        Assert.Equal(["starting é", "Listening on http://127.0.0.1:41234"], lines);
        Assert.Equal("starting é\r\nListening on http://127.0.0.1:41234\n", cancelled.Output.StandardError);
    }

    [Fact]
    public async Task A_run_that_ends_by_itself_returns_both_streams_whole()
    {
        var result = await ExternalTool.RunAsync("sh", ["-c", "printf 'out\\n'; printf 'err\\n' >&2; exit 3"]);

        Assert.Equal(new ToolResult(3, "out\n", "err\n"), result);
    }
}
