using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Tests.Support;

/// <summary>
/// Runs `kafka-templates install` in-process with the shared CLI harness, with a controlled environment (PATH for
/// helm, a HOME with no kubeconfig) and retries that do not sleep.
/// </summary>
public static class InstallCli
{
    public static RetryPolicy Fast(List<TimeSpan>? delays = null) => CliRun.FastRetry(delays);

    public static IReadOnlyDictionary<string, string> Environment(string home) => new Dictionary<string, string>
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        ["HOME"] = home,
    };

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, string workingDirectory, RetryPolicy? retry, params string[] args)
    {
        var run = new CliRun { WorkingDirectory = workingDirectory, Variables = new(variables), Retry = retry };
        await run.RunAsync(["install", .. args]);
        return run;
    }
}
