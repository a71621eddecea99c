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

    /// <summary>Text written to the tool's standard input, which is then closed. Null: closed at once.</summary>
    public string? StandardInput { get; init; }

    /// <summary>Bytes written to standard input instead of <see cref="StandardInput"/> (a git pack must not be re-encoded).</summary>
    public ReadOnlyMemory<byte>? StandardInputBytes { get; init; }

    /// <summary>Most bytes read from standard output; beyond it the tool is stopped. Null: no limit.</summary>
    public long? MaxOutputBytes { get; init; }

    /// <summary>
    /// Called with each line of standard error as the tool writes it, while it runs (a server saying where it
    /// listens); the whole of it is still in the result.
    /// </summary>
    public Action<string>? StandardErrorLine { get; init; }
}

/// <summary>What a tool printed, and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut = false)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>A tool that could not be started: not installed, not executable, or not on the PATH it was looked up in.</summary>
public sealed class ToolNotFoundException : Exception
{
    public ToolNotFoundException(string executable, Exception inner)
        : base($"cannot run '{executable}': {inner.Message}", inner) => Executable = executable;

    /// <summary>With a message of its own, such as how to install the tool.</summary>
    public ToolNotFoundException(string executable, string message) : base(message) => Executable = executable;

    public string Executable { get; }
}

/// <summary>
/// The caller cancelled a run and the tool was killed (SIGKILL). <see cref="Output"/> holds what the tool wrote until
/// then and how it ended, so a test that gives up on a server can say what the server was doing.
/// </summary>
public sealed class ToolCanceledException(string message, ToolResult output, CancellationToken cancellationToken)
    : OperationCanceledException(message, cancellationToken)
{
    public ToolResult Output { get; } = output;
}

/// <summary>
/// The one process runner: the real tools the product stands on (helm, promtool, git), and in tests the CLI and
/// dotnet new. Tools run with an argument list, never through a shell, so no value can become a command. Standard
/// input is closed (after any text given), so a tool that asks a question fails instead of hanging.
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
        using var output = new MemoryStream();
        using var errorOutput = new MemoryStream();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The pipes are read to their end even when the caller cancels (the killed tool closes them), so what it wrote
        // before is kept; a pipe an orphan still holds open is given up after a short while.
        using var drain = new CancellationTokenSource();
        using var drainOnCancel = cancellationToken.Register(() => drain.CancelAfter(DrainAfterKill));
        var copy = CopyAsync(process.StandardOutput.BaseStream, output, options?.MaxOutputBytes, limit, drain.Token);
        var error = CopyAsync(process.StandardError.BaseStream, errorOutput, null, limit, drain.Token, options?.StandardErrorLine);
        if (options?.StandardInput is not null || options?.StandardInputBytes is not null)
        {
            try
            {
                if (options.StandardInputBytes is { } bytes)
                {
                    await process.StandardInput.BaseStream.WriteAsync(bytes, cancellationToken);
                    await process.StandardInput.BaseStream.FlushAsync(cancellationToken);
                }
                else await process.StandardInput.WriteAsync(options.StandardInput.AsMemory(), cancellationToken);
            }
            catch (IOException)
            {
                // The tool ended without reading all of its input; its exit code says how it went.
            }
        }
        process.StandardInput.Close();
        if (options?.Timeout is { } timeout) limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            drain.CancelAfter(DrainAfterKill);
            await DrainAsync(copy, error);
            var name = Path.GetFileName(executable);
            if (cancellationToken.IsCancellationRequested)
            {
                try
                {
                    await process.WaitForExitAsync(drain.Token);
                }
                catch (OperationCanceledException)
                {
                    // Not reaped yet: the exit code below says so.
                }
                var ended = new ToolResult(process.HasExited ? process.ExitCode : -1, Encoding.UTF8.GetString(output.ToArray()),
                    Encoding.UTF8.GetString(errorOutput.ToArray()));
                throw new ToolCanceledException($"{name} was stopped (SIGKILL) because its caller cancelled the run", ended, cancellationToken);
            }
            return copy is { IsCompletedSuccessfully: true, Result: true }
                ? (-1, [], $"{name} wrote more than {options!.MaxOutputBytes} bytes of output, the most this tool reads; it was stopped", false)
                : (-1, [], $"{name} did not finish within {options!.Timeout!.Value.TotalSeconds:0} seconds", true);
        }
        await copy;
        await error;
        return (process.ExitCode, output.ToArray(), Encoding.UTF8.GetString(errorOutput.ToArray()), false);
    }

    /// <summary>How long the pipes of a killed tool are read on: its own ends close at once, an orphan's may never.</summary>
    private static readonly TimeSpan DrainAfterKill = TimeSpan.FromSeconds(5);

    private static async Task DrainAsync(params Task[] readers)
    {
        foreach (var reader in readers)
        {
            try
            {
                await reader;
            }
            catch (OperationCanceledException)
            {
                // An orphan holds the pipe open: what was read so far is what there is.
            }
        }
    }

    /// <summary>
    /// Copies a pipe up to the limit, handing each finished line to <paramref name="line"/>; true when the limit was
    /// reached (and the run cancelled).
    /// </summary>
    private static async Task<bool> CopyAsync(Stream from, MemoryStream to, long? max, CancellationTokenSource stop, CancellationToken cancellationToken,
        Action<string>? line = null)
    {
        var buffer = new byte[81920];
        var lineStart = 0L;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (max is { } m && to.Length + read > m)
            {
                await stop.CancelAsync();
                return true;
            }
            to.Write(buffer, 0, read);
            if (line is null) continue;
            var written = to.GetBuffer();
            for (var i = to.Length - read; i < to.Length; i++)
            {
                if (written[i] != (byte)'\n') continue;
                line(Encoding.UTF8.GetString(written, (int)lineStart, (int)(i - lineStart)).TrimEnd('\r'));
                lineStart = i + 1;
            }
        }
        return false;
    }
}
