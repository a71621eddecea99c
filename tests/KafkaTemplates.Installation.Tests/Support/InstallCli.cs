using KafkaTemplates.Cli.Commands;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Installation.Faults;
using Spectre.Console.Cli;
using Spectre.Console.Testing;

namespace KafkaTemplates.Installation.Tests.Support;

/// <summary>
/// Runs the real install command in-process, with test consoles and a controlled environment (PATH for helm, a
/// HOME with no kubeconfig), and maps the usage errors Spectre throws to exit 2 as the CLI's entry point does.
/// </summary>
public static class InstallCli
{
    /// <summary>Retries without sleeping, so fault tests stay fast; the delays asked for are recorded.</summary>
    public static RetryPolicy Fast(List<TimeSpan>? delays = null) => new()
    {
        Delay = (d, _) =>
        {
            if (delays is not null) lock (delays) delays.Add(d);
            return Task.CompletedTask;
        },
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    public static IReadOnlyDictionary<string, string> Environment(string home) => new Dictionary<string, string>
    {
        ["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "",
        ["HOME"] = home,
    };

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, string workingDirectory, RetryPolicy? retry, params string[] args)
    {
        var output = new TestConsole();
        var error = new TestConsole();
        output.Profile.Width = 400;
        error.Profile.Width = 400;
        var consoles = new CliConsoles(output, error);
        var environment = new CliEnvironment { WorkingDirectory = workingDirectory, Variables = variables, IsTerminal = false };
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.Settings.Registrar.RegisterInstance(consoles);
            config.Settings.Registrar.RegisterInstance(environment);
            config.Settings.Registrar.RegisterInstance(new InstallerDefaults { Retry = retry ?? Fast() });
            config.Settings.Console = output;
            config.Settings.StrictParsing = true;
            config.PropagateExceptions();
            config.AddCommand<InstallCommand>("install");
        });
        int code;
        try
        {
            code = await app.RunAsync(["install", .. args]);
        }
        catch (Exception e) when (e is CommandParseException or CommandRuntimeException or UsageException)
        {
            consoles.Problem(e.Message);
            code = ExitCodes.BadInput;
        }
        return new CliRun(code, output.Output, error.Output);
    }
}
