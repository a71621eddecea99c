using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Output;

/// <summary>
/// The report as JSON for scripts (format version 1; the test project holds its JSON Schema):
/// <c>{ formatVersion, tool, repo, passed, summary, diagnostics[], skipped[] }</c>.
/// </summary>
public static class JsonReportWriter
{
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToJson(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["tool"] = new JsonObject { ["name"] = ToolInfo.Name, ["version"] = ToolInfo.Version },
            ["repo"] = report.RepoDirectory,
            ["passed"] = !report.HasErrors,
            ["summary"] = new JsonObject
            {
                ["errors"] = report.ErrorCount,
                ["warnings"] = report.WarningCount,
                ["notes"] = report.NoteCount,
            },
            ["diagnostics"] = new JsonArray([.. report.Diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["code"] = d.Code,
                ["name"] = d.Descriptor.Name,
                ["area"] = d.Descriptor.Area.ToString().ToLowerInvariant(),
                ["severity"] = TextReport.Label(d.Severity),
                ["file"] = d.File,
                ["line"] = d.Line,
                ["column"] = d.Column,
                ["message"] = d.Message,
                ["title"] = d.Descriptor.Title,
                ["help"] = d.Help,
            })]),
            ["skipped"] = new JsonArray([.. report.Skipped.Select(s => (JsonNode)new JsonObject { ["check"] = s.Check, ["reason"] = s.Reason })]),
        };
    }

    public static string Write(ValidationReport report) => ToJson(report).ToJsonString(Indented) + "\n";
}
