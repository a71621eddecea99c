using System.Text.Json.Nodes;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Output;

namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>
/// Validation of a rendered repo, as the CLI's <c>validate</c> reports it in JSON, minus the folder path (a server
/// path means nothing to the client and should not leak).
/// </summary>
internal static class RepoDiagnostics
{
    public static JsonObject ToJson(ValidationReport report)
    {
        var json = JsonReportWriter.ToJson(report.InWords(PortalWords.Render));
        json.Remove("repo");
        return json;
    }

    /// <summary>One line per finding, for a task's log, as <c>file:line:column: severity CODE: message</c>.</summary>
    public static IEnumerable<string> Lines(ValidationReport report)
    {
        foreach (var d in report.Diagnostics) yield return d.ToString();
        foreach (var s in report.Skipped) yield return $"not checked: {s.Check} ({s.Reason})";
    }

    public static string Summary(ValidationReport report) =>
        report.ErrorCount == 0 && report.WarningCount == 0
            ? "no problems found"
            : $"{Count(report.ErrorCount, "error")}, {Count(report.WarningCount, "warning")}";

    private static string Count(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";
}
