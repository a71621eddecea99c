using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Chart;

/// <summary>KT2001-KT2004: Chart.yaml has apiVersion v2, a valid name, a SemVer version and an appVersion.</summary>
internal sealed partial class ChartMetadataRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Chart is not { } chart) return;
        var root = chart.Root as JsonObject ?? [];
        var whole = chart.MarkOf(chart.Root);

        var apiVersion = Text(root["apiVersion"]);
        if (apiVersion != "v2")
            context.Report(DiagnosticCatalog.ChartApiVersion, root["apiVersion"] is { } a ? chart.MarkOf(a) : whole,
                apiVersion is null ? "Chart.yaml has no apiVersion; add `apiVersion: v2`" : $"apiVersion is '{apiVersion}'; Helm 3 charts use `apiVersion: v2`");

        var name = Text(root["name"]);
        if (name is null || !ChartName().IsMatch(name) || name.Length > 40)
            context.Report(DiagnosticCatalog.ChartName, root["name"] is { } n ? chart.MarkOf(n) : whole,
                name is null ? "Chart.yaml has no name; add `name: kafka`" : $"the chart name '{name}' must be lower-case letters, digits and dashes, start with a letter and have at most 40 characters");

        var version = Text(root["version"]);
        if (!SemanticVersion.TryParse(version, out _))
            context.Report(DiagnosticCatalog.ChartVersion, root["version"] is { } v ? chart.MarkOf(v) : whole,
                version is null ? "Chart.yaml has no version; add `version: 0.1.0`" : $"the chart version '{version}' is not SemVer; write it as MAJOR.MINOR.PATCH, such as 0.1.0");

        if (string.IsNullOrWhiteSpace(Text(root["appVersion"])))
            context.Report(DiagnosticCatalog.ChartAppVersion, root["appVersion"] is { } av ? chart.MarkOf(av) : whole,
                "Chart.yaml has no appVersion; set it to the Kafka version the Dockerfile builds (ARG KAFKA_VERSION), quoted");
    }

    internal static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    [GeneratedRegex(@"^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex ChartName();
}
