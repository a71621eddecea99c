using System.Diagnostics;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>Runs helm or promtool with arguments (never through a shell) and collects what it printed.</summary>
internal static class ToolRunner
{
    public static async Task<ToolResult> RunAsync(string executable, IEnumerable<string> arguments, string workingDirectory,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // Plain, reproducible output: no colours, no update checks, no plugins of the user's.
        info.Environment["NO_COLOR"] = "1";
        info.Environment["HELM_NO_PLUGINS"] = "1";

        using var process = new Process { StartInfo = info };
        process.Start();
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolResult(-1, "", $"{Path.GetFileName(executable)} did not finish within {timeout.TotalSeconds:0} seconds", TimedOut: true);
        }
        return new ToolResult(process.ExitCode, await stdout, await stderr, TimedOut: false);
    }
}

/// <summary>What a tool printed, and how it ended.</summary>
internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr, bool TimedOut);
