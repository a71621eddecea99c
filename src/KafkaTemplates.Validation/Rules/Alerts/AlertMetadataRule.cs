using System.Text.RegularExpressions;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// KT5002-KT5004 and KT5009: every alert waits with `for`, carries severity, summary, description and runbook_url,
/// and its runbook link lands on a section of docs/runbooks.md.
/// </summary>
internal sealed partial class AlertMetadataRule : IRenderedChartRule
{
    private static readonly string[] Annotations = ["summary", "description", "runbook_url"];

    public void Check(ValidationContext context, RenderedChart chart)
    {
        var sections = RunbookSections(context);
        foreach (var manifest in chart.Manifests.Where(PrometheusRules.IsPrometheusRule))
        {
            foreach (var rule in PrometheusRules.Enumerate(manifest).Where(r => r.Alert is not null))
            {
                var at = context.Sources.Locate(manifest.SourceFile, rule.Path, manifest.Kind);
                var forText = PrometheusRules.Text(rule.Node["for"]);
                if (forText is null || ZeroDuration().IsMatch(forText))
                    context.Report(DiagnosticCatalog.AlertWithoutFor, at,
                        $"alert {rule.Alert} has no `for`, so one bad evaluation fires it; add `for: 5m` (or longer)", chart.ValueSet.Context);

                var severity = PrometheusRules.Text(rule.Node["labels"]?["severity"]);
                if (string.IsNullOrWhiteSpace(severity))
                    context.Report(DiagnosticCatalog.AlertSeverityMissing, at,
                        $"alert {rule.Alert} has no severity label; add labels.severity: critical, warning or info", chart.ValueSet.Context);

                foreach (var annotation in Annotations)
                {
                    if (!string.IsNullOrWhiteSpace(PrometheusRules.Text(rule.Node["annotations"]?[annotation]))) continue;
                    context.Report(DiagnosticCatalog.AlertAnnotationMissing, context.Sources.Locate(manifest.SourceFile, rule.Path.Key("annotations"), manifest.Kind),
                        $"alert {rule.Alert} has no {annotation} annotation; add it", chart.ValueSet.Context);
                }

                if (sections is not null && PrometheusRules.Text(rule.Node["annotations"]?["runbook_url"]) is { } url
                    && RunbookAnchor().Match(url) is { Success: true } anchor && !sections.Contains(anchor.Groups[1].Value))
                    context.Report(DiagnosticCatalog.RunbookSectionMissing,
                        context.Sources.Locate(manifest.SourceFile, rule.Path.Keys("annotations", "runbook_url"), manifest.Kind),
                        $"alert {rule.Alert} links to {RepoLayout.Runbooks}#{anchor.Groups[1].Value}, but that file has no such section; add a heading `## {rule.Alert}`",
                        chart.ValueSet.Context);
            }
        }
    }

    /// <summary>The anchors GitHub and GitLab give the headings of docs/runbooks.md; null when the file is missing.</summary>
    private static HashSet<string>? RunbookSections(ValidationContext context)
    {
        if (context.Files.ReadText(RepoLayout.Runbooks) is not { } text) return null;
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in Heading().Matches(text))
            anchors.Add(Slug(m.Groups[1].Value));
        return anchors;
    }

    private static string Slug(string heading)
    {
        var lower = heading.Trim().ToLowerInvariant();
        var kept = new string([.. lower.Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')]);
        return kept.Replace(' ', '-');
    }

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"docs/runbooks\.md#([A-Za-z0-9_-]+)$")]
    private static partial Regex RunbookAnchor();

    [GeneratedRegex(@"^0+(?:ms|s|m|h|d|w|y)?$")]
    private static partial Regex ZeroDuration();
}
