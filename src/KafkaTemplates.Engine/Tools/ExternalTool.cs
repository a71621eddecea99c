using System.Diagnostics;
using System.Text;

namespace KafkaTemplates.Engine.Tools;

/// <summary>How an external tool is run: where, with which extra environment, for how long at most.</summary>
public sealed record ExternalToolOptions
{
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set (or, with a null value, removed) for the tool only.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>Null: no limit but the caller's cancellation.</summary>
    public TimeSpan? Timeout { get; init; }
}

/// <summary>What a tool printed, and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false);

/// <summary>A tool that could not be started: not installed, not executable, or not on the PATH it was looked up in.</summary>
public sealed class ToolNotFoundException(string executable, Exception inner)
    : Exception($"cannot run '{executable}': {inner.Message}", inner)
{
    public string Executable { get; } = executable;
}

/// <summary>
/// Runs the real tools the product stands on (helm, promtool, git) with an argument list, never through a shell, so
/// no value can become a command. Standard input is closed, so a tool that asks a question fails instead of hanging.
/// </summary>
public static class ExternalTool
{
    public static async Task<ToolResult> RunAsync(string executable, IEnumerable<string> arguments, ExternalToolOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var (exitCode, output, error, timedOut) = await RunCoreAsync(executable, arguments, options, cancellationToken);
        return new ToolResult(exitCode, Encoding.UTF8.GetString(output), error, timedOut);
    }

    /// <summary>As <see cref="RunAsync"/>, with standard output as bytes (merged file contents must not be re-encoded).</summary>
    public static async Task<(int ExitCode, byte[] StandardOutput, string StandardError, bool TimedOut)> RunForBytesAsync(string executable,
        IEnumerable<string> arguments, ExternalToolOptions? options = null, CancellationToken cancellationToken = default) =>
        await RunCoreAsync(executable, arguments, options, cancellationToken);

    private static async Task<(int, byte[], string, bool)> RunCoreAsync(string executable, IEnumerable<string> arguments,
        ExternalToolOptions? options, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = options?.WorkingDirectory ?? "",
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        if (options?.Environment is { } environment)
        {
            foreach (var (name, value) in environment)
            {
                if (value is null) info.Environment.Remove(name);
                else info.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new ToolNotFoundException(executable, e);
        }
        process.StandardInput.Close();
        using var output = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(output, cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options?.Timeout is { } timeout) limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            return (-1, [], $"{Path.GetFileName(executable)} did not finish within {options!.Timeout!.Value.TotalSeconds:0} seconds", true);
        }
        await copy;
        return (process.ExitCode, output.ToArray(), await error, false);
    }
}
