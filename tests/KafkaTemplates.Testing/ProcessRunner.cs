using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Testing;

/// <summary>
/// Runs real programs from tests (the packed CLI, dotnet new, git, stat) on the product's own process runner,
/// with the .NET first-run noise turned off and a deadline, so a hung program fails the test instead of the run.
/// </summary>
public static class ProcessRunner
{
    /// <param name="cancellationToken">Cancelling kills the program with SIGKILL (no handler, no finally block runs) and throws a
    /// <see cref="ToolCanceledException"/> that holds what the program wrote until then.</param>
    /// <param name="standardErrorLine">Sees each line of standard error as the program writes it (where a server listens).</param>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null, TimeSpan? timeout = null,
        Action<string>? standardErrorLine = null, CancellationToken cancellationToken = default)
    {
        var variables = new Dictionary<string, string?>
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) variables[k] = v;
        var args = arguments.ToList();
        var result = await ExternalTool.RunAsync(fileName, args, new ExternalToolOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = variables,
            StandardInput = standardInput,
            Timeout = timeout ?? TimeSpan.FromMinutes(5),
            StandardErrorLine = standardErrorLine,
        }, cancellationToken);
        return result.TimedOut ? throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time") : result;
    }
}
