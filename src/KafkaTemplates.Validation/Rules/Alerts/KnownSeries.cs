namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// Series that exist without the chart's exporter: Prometheus' own (up, scrape_*), the kubelet's volume statistics,
/// cAdvisor's container_* and machine_*, kube-state-metrics' kube_*, and the exporter's own jmx_* and jvm_* series.
/// </summary>
internal static class KnownSeries
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "up", "ALERTS", "ALERTS_FOR_STATE", "scrape_duration_seconds", "scrape_samples_scraped",
        "scrape_samples_post_metric_relabeling", "scrape_series_added",
        "kubelet_volume_stats_available_bytes", "kubelet_volume_stats_capacity_bytes", "kubelet_volume_stats_used_bytes",
        "kubelet_volume_stats_inodes", "kubelet_volume_stats_inodes_free", "kubelet_volume_stats_inodes_used",
        "jmx_scrape_duration_seconds", "jmx_scrape_error", "jmx_scrape_cached_beans",
    };

    private static readonly string[] Prefixes = ["container_", "machine_", "kube_", "jvm_"];

    public static bool Contains(string name) =>
        Names.Contains(name) || Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
}
