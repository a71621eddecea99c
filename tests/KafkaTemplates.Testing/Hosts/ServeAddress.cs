using System.Text.RegularExpressions;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// Where a <c>kafka-templates serve</c> started with port 0 listens, read from its "Listening on http://host:port"
/// line: the system chose the port as serve bound it, so no other process can take it between choosing and binding.
/// </summary>
public static partial class ServeAddress
{
    /// <summary>The listen URL serve is started with: a loopback port the system chooses.</summary>
    public const string AnyLoopbackPort = "http://127.0.0.1:0";

    /// <summary>The address of a "Listening on" line, with 0.0.0.0 (every interface) read as loopback; null for another line.</summary>
    public static Uri? FromLine(string line)
    {
        var match = ListeningLine().Match(line);
        return match.Success ? new Uri($"http://{(match.Groups[1].Value == "0.0.0.0" ? "127.0.0.1" : match.Groups[1].Value)}:{match.Groups[2].Value}") : null;
    }

    /// <summary>The first "Listening on" address in the output so far (each line whole); null when there is none yet.</summary>
    public static Uri? FromOutput(string output) =>
        output.Split('\n').SkipLast(1).Select(l => FromLine(l.TrimEnd('\r'))).FirstOrDefault(a => a is not null);

    /// <summary>
    /// Waits for serve, running in this process, to say where it listens; fails at once with its output if it ends
    /// first, or after the guard.
    /// </summary>
    public static async Task<Uri> WaitAsync(Func<string> output, Task serving, TimeSpan guard)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (FromOutput(output()) is { } address) return address;
            if (serving.IsCompleted) throw new InvalidOperationException($"serve ended before it said where it listens:\n{output()}");
            if (started.Elapsed > guard) throw new TimeoutException($"serve did not say where it listens within {guard.TotalSeconds:0} s:\n{output()}");
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"^Listening on http://([0-9.]+):([0-9]+)$")]
    private static partial Regex ListeningLine();
}
