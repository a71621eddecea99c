using System.Globalization;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Output;

/// <summary>
/// The human-readable report as lines of styled spans: diagnostics grouped by file (in reading order), then the
/// checks that did not run, then a summary. The CLI colours the spans; <see cref="TextReportWriter"/> writes them plain.
/// </summary>
public static class TextReport
{
    public static IEnumerable<IReadOnlyList<TextSpan>> Lines(ValidationReport report, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var group in report.Diagnostics.GroupBy(d => d.File))
        {
            yield return [new(group.Key, TextStyle.File)];
            foreach (var d in group)
            {
                var position = string.Create(CultureInfo.InvariantCulture, $"{d.Line}:{d.Column}");
                yield return
                [
                    new("  " + position.PadRight(8), TextStyle.Position),
                    new(Label(d.Severity).PadRight(8), Style(d.Severity)),
                    new(d.Code + "  ", TextStyle.Code),
                    new(d.Message, TextStyle.Plain),
                ];
            }
            yield return [];
        }
        foreach (var skipped in report.Skipped)
            yield return [new($"skipped: {skipped.Check}: {skipped.Reason}", TextStyle.Dim)];
        yield return Summary(report, displayPath);
    }

    private static IReadOnlyList<TextSpan> Summary(ValidationReport report, string displayPath)
    {
        if (report.Diagnostics.Count == 0)
            return [new($"{displayPath}: no problems found.", TextStyle.Success)];
        var parts = new List<string>();
        if (report.ErrorCount > 0) parts.Add(Count(report.ErrorCount, "error"));
        if (report.WarningCount > 0) parts.Add(Count(report.WarningCount, "warning"));
        if (report.NoteCount > 0) parts.Add(Count(report.NoteCount, "note"));
        // Each front door adds how its users look a code up (the CLI: validate --explain).
        return [new($"{displayPath}: {string.Join(", ", parts)}.", report.HasErrors ? TextStyle.Error : report.WarningCount > 0 ? TextStyle.Warning : TextStyle.Success)];
    }

    public static string Label(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    private static TextStyle Style(Severity severity) => severity switch
    {
        Severity.Error => TextStyle.Error,
        Severity.Warning => TextStyle.Warning,
        _ => TextStyle.Note,
    };

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    /// <summary>What a code means and how to fix it (the CLI prints it for validate --explain).</summary>
    public static string Explain(DiagnosticDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return $"{descriptor.Code} {descriptor.Name} ({descriptor.Area.ToString().ToLowerInvariant()}, {Label(descriptor.Severity)})\n" +
               $"{descriptor.Title}.\n\n{descriptor.Help}\n" +
               (descriptor.BlocksRendering ? "\nWhile this error remains, helm is not run: it would report the same problem less precisely.\n" : "");
    }
}
