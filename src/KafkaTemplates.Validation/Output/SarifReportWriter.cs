using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Output;

/// <summary>
/// The report as a SARIF 2.1.0 log, as GitHub code scanning reads it: one run whose driver lists every code as a
/// rule (with its help), results with repo-relative artifact URIs and 1-based regions, and the checks that did not
/// run as tool execution notifications.
/// </summary>
public static class SarifReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToSarif(ValidationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rules = DiagnosticCatalog.All;
        var index = rules.Select((r, i) => (r.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = ToolInfo.Name,
                    ["version"] = ToolInfo.Version,
                    ["semanticVersion"] = ToolInfo.Version,
                    ["rules"] = new JsonArray([.. rules.Select(Rule)]),
                },
            },
            ["invocations"] = new JsonArray(new JsonObject
            {
                ["executionSuccessful"] = true,
                ["toolExecutionNotifications"] = new JsonArray([.. report.Skipped.Select(s => (JsonNode)new JsonObject
                {
                    ["level"] = "note",
                    ["message"] = new JsonObject { ["text"] = $"skipped {s.Check}: {s.Reason}" },
                })]),
            }),
            ["columnKind"] = "utf16CodeUnits",
            ["results"] = new JsonArray([.. report.Diagnostics.Select(d => (JsonNode)new JsonObject
            {
                ["ruleId"] = d.Code,
                ["ruleIndex"] = index[d.Code],
                ["level"] = Level(d.Severity),
                ["message"] = new JsonObject { ["text"] = d.Message },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = Uri(d.File) },
                        ["region"] = new JsonObject { ["startLine"] = d.Line, ["startColumn"] = d.Column },
                    },
                }),
            })]),
        };
        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(run),
        };
    }

    public static string Write(ValidationReport report) => ToSarif(report).ToJsonString(Indented) + "\n";

    private static JsonNode Rule(DiagnosticDescriptor d) => new JsonObject
    {
        ["id"] = d.Code,
        ["name"] = d.Name,
        ["shortDescription"] = new JsonObject { ["text"] = d.Title },
        ["fullDescription"] = new JsonObject { ["text"] = d.Help },
        ["help"] = new JsonObject { ["text"] = d.Help },
        ["defaultConfiguration"] = new JsonObject { ["level"] = Level(d.Severity) },
        ["properties"] = new JsonObject { ["tags"] = new JsonArray(d.Area.ToString().ToLowerInvariant()) },
    };

    private static string Level(Severity severity) => severity switch
    {
        Severity.Error => "error",
        Severity.Warning => "warning",
        _ => "note",
    };

    /// <summary>A relative URI reference: path segments escaped, '/' kept.</summary>
    private static string Uri(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));
}
