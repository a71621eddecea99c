using KafkaTemplates.Cli;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Installation;
using KafkaTemplates.Installation.Faults;
using Spectre.Console.Testing;

namespace KafkaTemplates.Testing;

/// <summary>
/// The one in-process run of the CLI for tests: the real entry point (every command, every exit code) against test
/// consoles, as a terminal with scripted input or as a script, with the environment variables and working folder
/// given. Install retries do not sleep unless a test passes its own policy.
/// </summary>
public sealed class CliRun
{
    public TestConsole Out { get; } = new();

    public TestConsole Error { get; } = new();

    public required string WorkingDirectory { get; init; }

    /// <summary>A person at a terminal: prompts are asked, progress is shown.</summary>
    public bool Terminal { get; init; }

    public Dictionary<string, string> Variables { get; init; } = [];

    /// <summary>How install retries; by default without sleeping (see <see cref="FastRetry"/>).</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>The exit code of the last run.</summary>
    public int ExitCode { get; private set; }

    public CliRun()
    {
        Out.Profile.Width = 400;
        Error.Profile.Width = 400;
    }

    /// <summary>Scripted keystrokes for prompts; prompts read from the error console, as the CLI asks there.</summary>
    public TestConsoleInput Input => Error.Input;

    public Task<int> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    public async Task<int> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        Error.Profile.Capabilities.Interactive = Terminal;
        var environment = new CliEnvironment { WorkingDirectory = WorkingDirectory, Variables = Variables, IsTerminal = Terminal };
        ExitCode = await CliApp.RunAsync(args, new CliConsoles(Out, Error), environment, new InstallerDefaults { Retry = Retry ?? FastRetry() }, cancellationToken);
        return ExitCode;
    }

    /// <summary>Retries without sleeping, so fault tests stay fast; the delays asked for are recorded.</summary>
    public static RetryPolicy FastRetry(List<TimeSpan>? delays = null) => new()
    {
        Delay = (d, _) =>
        {
            if (delays is not null) lock (delays) delays.Add(d);
            return Task.CompletedTask;
        },
        AttemptTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Asserts standard error holds <paramref name="text"/>, showing the whole run when it does not.</summary>
    public void ErrorShows(string text) => Assert.True(Error.Output.Contains(text, StringComparison.Ordinal), $"stderr lacks: {text}\n{this}");

    /// <summary>Asserts standard output holds <paramref name="text"/>, showing the whole run when it does not.</summary>
    public void OutShows(string text) => Assert.True(Out.Output.Contains(text, StringComparison.Ordinal), $"stdout lacks: {text}\n{this}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out.Output}\n--- stderr\n{Error.Output}";
}
