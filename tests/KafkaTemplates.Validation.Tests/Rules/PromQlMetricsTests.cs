using KafkaTemplates.Validation.Rules.Alerts;

namespace KafkaTemplates.Validation.Tests.Rules;

public class PromQlMetricsTests
{
    [Theory]
    [InlineData("up == 0", new[] { "up" })]
    [InlineData("sum by (namespace, pod) (rate(kafka_x_total{namespace=\"a\",pod=~\"b-[0-9]+\"}[5m])) > 0", new[] { "kafka_x_total" })]
    [InlineData("max without (instance) (a) / on (pod) group_left (node) b", new[] { "a", "b" })]
    [InlineData("label_replace(100 * x / y < 15, \"kafka_cluster\", \"c\", \"namespace\", \".*\")", new[] { "x", "y" })]
    [InlineData("predict_linear(free[6h], 24 * 3600) < 0 and absent(other offset 5m)", new[] { "free", "other" })]
    [InlineData("{__name__=\"by_name\", job=\"j\"} unless bool 1e3", new[] { "by_name" })]
    [InlineData("topk(3, sum by (le) (histogram_bucket))", new[] { "histogram_bucket" })]
    public void Metric_names_are_the_selected_series_only(string expr, string[] metrics)
    {
        Assert.Equal(metrics, PromQlMetrics.Extract(expr));
    }
}
