using KafkaTemplates.Engine.Tools;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// KT5005 and KT5008: `promtool check rules` on the rule groups of every rendered PrometheusRule (its spec is a
/// Prometheus rule file). Runs on structurally valid rules only, as promtool would repeat KT5001 findings.
/// </summary>
internal static partial class PromtoolCheck
{
    public static async Task RunAsync(ValidationContext context, IReadOnlyList<RenderedChart> charts, string? promtool, CancellationToken cancellationToken)
    {
        var rules = charts.SelectMany(c => c.Manifests.Where(PrometheusRules.IsPrometheusRule).Select(m => (Chart: c, Manifest: m)))
            .Where(r => r.Manifest.Root!["spec"] is JsonObject)
            .DistinctBy(r => r.Manifest.Root!["spec"]!.ToJsonString())
            .ToList();
        if (rules.Count == 0) return;
        if (context.Diagnostics.Any(d => d.Code == DiagnosticCatalog.PrometheusRuleStructure.Code))
        {
            context.Skip("promtool check rules", "the PrometheusRule has structural errors (KT5001); fix them first");
            return;
        }
        if (promtool is null)
        {
            context.Report(DiagnosticCatalog.PromtoolNotFound, new SourceMark(RepoLayout.PrometheusRuleTemplate, 1, 1),
                "promtool is not on PATH, so the alert expressions were not parsed by Prometheus' own checker; install it (Debian: the prometheus package)");
            context.Skip("promtool check rules", "promtool was not found");
            return;
        }
        foreach (var (chart, manifest) in rules)
        {
            var file = Path.Combine(Path.GetTempPath(), $"kafka-templates-rules-{Guid.NewGuid():N}.yaml");
            try
            {
                // JSON is YAML, and a Prometheus rule file is exactly the PrometheusRule's spec.
                await File.WriteAllTextAsync(file, manifest.Root!["spec"]!.ToJsonString(), cancellationToken);
                var result = await ExternalTool.RunAsync(promtool, ["check", "rules", file],
                    new ExternalToolOptions { WorkingDirectory = Path.GetTempPath(), Timeout = context.Options.ToolTimeout }, cancellationToken);
                if (result.ExitCode == 0) continue;
                Report(context, chart, manifest, result.StandardOutput + "\n" + result.StandardError, file);
            }
            finally
            {
                File.Delete(file);
            }
        }
    }

    private static void Report(ValidationContext context, RenderedChart chart, RenderedManifest manifest, string output, string file)
    {
        var reported = false;
        foreach (Match m in RuleProblem().Matches(output))
        {
            var path = ManifestPath.Of("spec", "groups").Item(m.Groups["group"].Value).Key("rules").Item(m.Groups["rule"].Value);
            context.Report(DiagnosticCatalog.PromtoolFailed, context.Sources.Locate(manifest.SourceFile, path, manifest.Kind),
                $"promtool rejects rule {m.Groups["rule"].Value}: {m.Groups["message"].Value.Trim()}", chart.ValueSet.Context);
            reported = true;
        }
        if (reported) return;
        var text = HelmMessage.Normalize(output.Replace(file, "rules", StringComparison.Ordinal));
        context.Report(DiagnosticCatalog.PromtoolFailed, context.Sources.Locate(manifest.SourceFile, ManifestPath.Of("spec", "groups"), manifest.Kind),
            $"promtool check rules fails: {text}", chart.ValueSet.Context);
    }

    [GeneratedRegex(@"group ""(?<group>[^""]*)"", rule \d+, ""(?<rule>[^""]*)"": (?<message>[^\n]+)")]
    private static partial Regex RuleProblem();
}
