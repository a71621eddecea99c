using KafkaTemplates.Cli;
using KafkaTemplates.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace KafkaTemplates.Cli.Tests;

/// <summary>Runs the CLI in-process against test consoles, as a terminal (scripted input) or as CI.</summary>
public sealed class CliRun
{
    public TestConsole Out { get; } = new();

    public TestConsole Error { get; } = new();

    public required string WorkingDirectory { get; init; }

    public bool Terminal { get; init; }

    public Dictionary<string, string> Variables { get; init; } = [];

    public CliRun()
    {
        Out.Profile.Width = 200;
        Error.Profile.Width = 200;
    }

    /// <summary>Scripted keystrokes for prompts; prompts read from the error console, as the CLI asks there.</summary>
    public Spectre.Console.Testing.TestConsoleInput Input => Error.Input;

    public async Task<int> RunAsync(params string[] args)
    {
        Error.Profile.Capabilities.Interactive = Terminal;
        var environment = new CliEnvironment { WorkingDirectory = WorkingDirectory, Variables = Variables, IsTerminal = Terminal };
        return await CliApp.RunAsync(args, new CliConsoles(Out, Error), environment);
    }
}
