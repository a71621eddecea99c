using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Output;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>How the CLI shows a validation: grouped by file, coloured where the console supports it, plain text otherwise.</summary>
internal static class ValidationOutput
{
    /// <summary>The report on <paramref name="console"/>, settings named as this command's flags, and how to look up a code.</summary>
    public static void Print(CliConsoles consoles, IAnsiConsole console, ValidationReport report, string displayPath)
    {
        var lines = TextReport.Lines(report.InWords(consoles.Flags), displayPath).ToList();
        if (report.Diagnostics.Count > 0)
            lines[^1] = [.. lines[^1], new($" Explain a code with `kafka-templates validate --explain {report.Diagnostics[0].Code}`.", TextStyle.Dim)];
        foreach (var line in lines)
            console.MarkupLine(string.Concat(line.Select(Colour)));
    }

    /// <summary>Runs a validation with a spinner on a terminal (helm takes seconds), quietly in CI.</summary>
    public static Task<ValidationReport> WithSpinnerAsync(CliConsoles consoles, CliEnvironment environment, Func<Task<ValidationReport>> validate) =>
        !environment.IsTerminal || environment.IsCi
            ? validate()
            : consoles.Error.Status().StartAsync("Validating (rendering the chart with helm)...", _ => validate());

    private static string Colour(TextSpan span)
    {
        var text = Markup.Escape(span.Text);
        return span.Style switch
        {
            TextStyle.File => $"[bold underline]{text}[/]",
            TextStyle.Position => $"[grey]{text}[/]",
            TextStyle.Error => $"[red]{text}[/]",
            TextStyle.Warning => $"[yellow]{text}[/]",
            TextStyle.Note => $"[blue]{text}[/]",
            TextStyle.Code => $"[aqua]{text}[/]",
            TextStyle.Dim => $"[grey]{text}[/]",
            TextStyle.Success => $"[green]{text}[/]",
            _ => text,
        };
    }
}
