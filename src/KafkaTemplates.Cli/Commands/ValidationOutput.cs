using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Output;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>How the CLI shows a validation: grouped by file, coloured where the console supports it, plain text otherwise.</summary>
internal static class ValidationOutput
{
    public static void Print(ValidationReport report, IAnsiConsole console, string displayPath)
    {
        foreach (var line in TextReport.Lines(report, displayPath))
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
