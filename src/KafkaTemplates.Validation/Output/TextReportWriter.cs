namespace KafkaTemplates.Validation.Output;

/// <summary>Writes the human-readable report without colours, for logs and files.</summary>
internal static class TextReportWriter
{
    public static void Write(ValidationReport report, TextWriter writer, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in TextReport.Lines(report, displayPath))
            writer.Write(string.Concat(line.Select(s => s.Text)) + "\n");
    }

    public static string Write(ValidationReport report, string displayPath)
    {
        using var writer = new StringWriter();
        Write(report, writer, displayPath);
        return writer.ToString();
    }
}
