using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Rules.Chart;

/// <summary>KT2005: the chart's appVersion is the Kafka version the Dockerfile builds.</summary>
internal sealed class AppVersionMatchesImageRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Chart?.Root is not JsonObject root || ChartMetadataRule.Text(root["appVersion"]) is not { Length: > 0 } appVersion) return;
        if (context.Files.ReadText(RepoLayout.Dockerfile) is not { } text) return;
        if (Dockerfile.Parse(text).ArgDefaultOf("KAFKA_VERSION") is not { } kafka || kafka.Value == appVersion) return;
        context.Report(DiagnosticCatalog.AppVersionMismatch, context.Chart.MarkOf(root["appVersion"]),
            $"appVersion is '{appVersion}' but the Dockerfile builds Kafka {kafka.Value} (ARG KAFKA_VERSION, Dockerfile line {kafka.Line}); " +
            "the chart would deploy an image tag CI never pushes. Change both together");
    }
}
