using Spectre.Console;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>Standard output for results, standard error for problems and progress, so results can be piped.</summary>
internal sealed record CliConsoles(IAnsiConsole Out, IAnsiConsole Error)
{
    /// <summary>The command that runs, so messages name its own flags; set once its flags are parsed.</summary>
    public CommandFlags Command { get; set; } = CommandFlags.Any;

    /// <summary>Writes machine-readable text (JSON, SARIF) unchanged: no markup, no wrapping.</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.Write(text);

    /// <summary>A problem, with every setting the message names written as the CLI's flag.</summary>
    public void Problem(string message) => Error.MarkupLineInterpolated($"[red]error:[/] {Flags(message)}");

    public void Warning(string message) => Error.MarkupLineInterpolated($"[yellow]warning:[/] {Flags(message)}");

    /// <summary>
    /// The message with the settings it asks for (<see cref="Setting"/>) named as the running command's flags: a
    /// setting is the flag of the same name (the output folder is <c>-o</c>), and one the command does not have is
    /// named with the command that has it (see <see cref="CommandFlags"/>).
    /// </summary>
    public string Flags(string message) => Command.Render(message);

    /// <summary>
    /// Finishes or rolls back a write of <paramref name="folder"/> that an interrupted run left, and says so. Every
    /// command that reads or writes a folder runs it first.
    /// </summary>
    public void RecoverFolder(string folder)
    {
        if (KafkaTemplates.Engine.Writing.FolderJournal.Recover(folder) is { } recovery)
            foreach (var line in recovery.Message.Split('\n')) Warning("recovered: " + line);
    }

    public static CliConsoles FromProcess()
    {
        var output = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        var error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        // Redirected output goes to logs and greps: do not wrap messages at 80 columns.
        if (Console.IsOutputRedirected) output.Profile.Width = RedirectedWidth;
        if (Console.IsErrorRedirected) error.Profile.Width = RedirectedWidth;
        return new CliConsoles(output, error);
    }

    private const int RedirectedWidth = 200;
}
