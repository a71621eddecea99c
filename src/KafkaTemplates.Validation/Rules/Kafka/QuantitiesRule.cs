using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>
/// KT4007 and KT4009: storage sizes and resource quantities parse as Kubernetes quantities and are positive, and no
/// request is above its limit (Kubernetes refuses such a pod).
/// </summary>
internal sealed class QuantitiesRule : IRepoRule
{
    private static readonly string[] Sizes = ["broker.persistence.size", "controller.persistence.size"];
    private static readonly string[] ResourceOwners = ["broker.resources", "controller.resources", "metrics.jmx.sidecar.resources", "tests.resources"];

    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values) return;
        foreach (var size in Sizes) Parse(context, values, size);
        foreach (var owner in ResourceOwners)
        {
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = Parse(context, values, $"{owner}.requests.{resource}");
                var limit = Parse(context, values, $"{owner}.limits.{resource}");
                if (request is { } r && limit is { } l && r > l)
                    context.Report(DiagnosticCatalog.RequestAboveLimit, values.Mark($"{owner}.requests.{resource}"),
                        $"{owner}.requests.{resource} ({values.Get($"{owner}.requests.{resource}")}) is above {owner}.limits.{resource} " +
                        $"({values.Get($"{owner}.limits.{resource}")}); Kubernetes refuses such a pod. Lower the request or raise the limit");
            }
        }
    }

    private static decimal? Parse(ValidationContext context, ValuesDocument values, string setting)
    {
        if (context.IsRejectedBySchema(setting) || values.Get(setting) is not { } node) return null;
        var value = Quantity.Parse(node);
        if (value is null)
            context.Report(DiagnosticCatalog.QuantityInvalid, values.Mark(setting),
                $"{setting} is {node.ToJsonString()}, which is not a Kubernetes quantity; write a number with a suffix such as 20Gi, 512Mi or 500m");
        else if (value <= 0)
            context.Report(DiagnosticCatalog.QuantityInvalid, values.Mark(setting),
                $"{setting} is {node.ToJsonString()}; it must be more than zero");
        return value > 0 ? value : null;
    }
}
