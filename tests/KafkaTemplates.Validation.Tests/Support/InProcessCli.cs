using KafkaTemplates.Cli;
using KafkaTemplates.Cli.Infrastructure;
using Spectre.Console.Testing;

namespace KafkaTemplates.Validation.Tests.Support;

/// <summary>The CLI run in-process against test consoles, as CI runs it (no terminal), with a chosen PATH.</summary>
public sealed class InProcessCli
{
    public TestConsole Out { get; } = new();

    public TestConsole Error { get; } = new();

    public required string WorkingDirectory { get; init; }

    /// <summary>The PATH the CLI searches for helm and promtool; empty means neither is found.</summary>
    public string SearchPath { get; init; } = "";

    public InProcessCli()
    {
        Out.Profile.Width = 400;
        Error.Profile.Width = 400;
    }

    public Task<int> RunAsync(params string[] args) =>
        CliApp.RunAsync(args, new CliConsoles(Out, Error), new CliEnvironment
        {
            WorkingDirectory = WorkingDirectory,
            Variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = SearchPath, ["CI"] = "true" },
            IsTerminal = false,
        });

    /// <summary>helm and promtool on the PATH, as CI installs them.</summary>
    public static string ToolsPath =>
        string.Join(Path.PathSeparator, Path.GetDirectoryName(Testing.Tool.Helm), Path.GetDirectoryName(Testing.Tool.Promtool));
}
