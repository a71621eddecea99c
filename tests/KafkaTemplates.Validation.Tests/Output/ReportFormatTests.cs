using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Output;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests.Output;

/// <summary>JSON output keeps to its published schema; SARIF output to the official SARIF 2.1.0 schema.</summary>
public class ReportFormatTests
{
    /// <summary>
    /// A report with every severity and a skipped check: two errors (the image runs as root, a checkout action on a
    /// branch), a warning (no pod anti-affinity, from the rendering) and a note (promtool not found).
    /// </summary>
    private static async Task<ValidationReport> ReportWithEverythingAsync()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        Replace(repo, "Dockerfile", "USER 1000:1000", "USER 0");
        Replace(repo, ".github/workflows/ci.yaml", "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", "actions/checkout@main");
        Replace(repo, "helm/values.yaml", "podAntiAffinity: soft", "podAntiAffinity: none");
        return await new RepoValidator().ValidateAsync(repo.Path, Support.Validation.WithTools() with { PromtoolPath = null });
    }

    private static void Replace(GeneratedRepo repo, string file, string find, string replace)
    {
        var path = repo.Combine(file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + replace + text[(at + find.Length)..]);
    }

    [Fact]
    public async Task Json_output_is_valid_against_its_schema_and_carries_every_diagnostic()
    {
        var report = await ReportWithEverythingAsync();
        var json = JsonReportWriter.Write(report);

        SchemaAssert.Valid("validate-report.schema.json", json);
        var root = JsonNode.Parse(json)!;
        Assert.False(root["passed"]!.GetValue<bool>());
        Assert.Equal((2, 1, 1), (root["summary"]!["errors"]!.GetValue<int>(), root["summary"]!["warnings"]!.GetValue<int>(), root["summary"]!["notes"]!.GetValue<int>()));
        Assert.Equal(report.Diagnostics.Select(d => d.Code), root["diagnostics"]!.AsArray().Select(d => d!["code"]!.ToString()));
        Assert.Equal(report.ErrorCount, root["summary"]!["errors"]!.GetValue<int>());
        Assert.NotEmpty(root["skipped"]!.AsArray());
    }

    [Fact]
    public async Task Json_output_of_a_clean_repo_is_valid_and_passes()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var json = JsonReportWriter.Write(await Support.Validation.RunAsync(repo.Path));

        SchemaAssert.Valid("validate-report.schema.json", json);
        Assert.True(JsonNode.Parse(json)!["passed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Sarif_output_is_valid_sarif_2_1_0_with_rules_levels_and_relative_locations()
    {
        var report = await ReportWithEverythingAsync();
        var sarif = SarifReportWriter.Write(report);

        SchemaAssert.Valid("sarif-schema-2.1.0.json", sarif);
        var run = JsonNode.Parse(sarif)!["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        Assert.Equal(report.Diagnostics.Count, results.Count);
        foreach (var (result, diagnostic) in results.Zip(report.Diagnostics))
        {
            Assert.Equal(diagnostic.Code, result!["ruleId"]!.ToString());
            Assert.Equal(diagnostic.Code, rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.ToString());
            var location = result["locations"]![0]!["physicalLocation"]!;
            Assert.Equal(diagnostic.File, location["artifactLocation"]!["uri"]!.ToString());
            Assert.Equal(diagnostic.Line, location["region"]!["startLine"]!.GetValue<int>());
        }
        Assert.Equal(["error", "error", "note", "warning"], results.Select(r => r!["level"]!.ToString()).Order(StringComparer.Ordinal));
        Assert.NotEmpty(run["invocations"]![0]!["toolExecutionNotifications"]!.AsArray());
    }

    [Fact]
    public void Sarif_output_with_no_results_is_valid_too()
    {
        var sarif = SarifReportWriter.Write(new ValidationReport("repo", [], []));

        SchemaAssert.Valid("sarif-schema-2.1.0.json", sarif);
    }

    [Fact]
    public async Task Text_output_groups_diagnostics_by_file_with_position_severity_and_code()
    {
        var report = await ReportWithEverythingAsync();

        var text = TextReportWriter.Write(report, "payments");

        var lines = text.Split('\n');
        var workflow = Array.IndexOf(lines, ".github/workflows/ci.yaml");
        var dockerfile = Array.IndexOf(lines, "Dockerfile");
        var values = Array.IndexOf(lines, "helm/values.yaml");
        Assert.True(workflow >= 0 && dockerfile > workflow && values > dockerfile, text);
        Assert.Matches(@"^  36:15 +error +KT7003  actions/checkout@main ", lines[workflow + 1]);
        Assert.Matches(@"^  [0-9]+:1 +error +KT6003  ", lines[dockerfile + 1]);
        Assert.Matches(@"^  [0-9]+:[0-9]+ +warning +KT3111  ", lines[values + 1]);
        Assert.Contains("payments: 2 errors, 1 warning, 1 note.", text, StringComparison.Ordinal);
        Assert.Contains("skipped: promtool check rules: promtool was not found", text, StringComparison.Ordinal);
    }
}
