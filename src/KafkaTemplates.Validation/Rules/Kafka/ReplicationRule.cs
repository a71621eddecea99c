using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>
/// KT4001-KT4002: replication factors fit the broker count, and min.insync.replicas stays below the replication
/// factor. Values are derived as the chart derives them (0 means min(3, brokers), and max(1, rf - 1) for min ISR), and
/// kafka.config entries override them; only settings someone wrote are reported.
/// </summary>
internal sealed class ReplicationRule : IRepoRule
{
    private static readonly (string Setting, string Property)[] Factors =
    [
        ("defaultReplicationFactor", "default.replication.factor"),
        ("offsetsTopicReplicationFactor", "offsets.topic.replication.factor"),
        ("transactionStateLogReplicationFactor", "transaction.state.log.replication.factor"),
    ];

    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values || context.IsRejectedBySchema("broker.replicas") || values.Integer("broker.replicas") is not { } brokers) return;

        var factors = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (setting, property) in Factors)
        {
            var (factor, origin, mark) = Effective(context, values, "kafka.replication." + setting, property, Math.Min(3, brokers));
            factors[property] = factor;
            if (origin is not null && factor > brokers)
                context.Report(DiagnosticCatalog.ReplicationAboveBrokers, mark,
                    $"{origin} is {factor} but broker.replicas is {brokers}: {property} cannot exceed the broker count. Use at most {brokers}, or 0 for min(3, brokers)");
        }

        var rf = factors["default.replication.factor"];
        var (minIsr, minOrigin, minMark) = Effective(context, values, "kafka.replication.minInsyncReplicas", "min.insync.replicas", Math.Max(1, rf - 1));
        if (minOrigin is not null) CheckMinIsr(context, minOrigin, minMark, minIsr, rf, "default.replication.factor", brokers);

        if (KafkaConfigEntry.Find(values, "transaction.state.log.min.isr") is { Integer: { } txMinIsr } tx)
            CheckMinIsr(context, "kafka.config.\"transaction.state.log.min.isr\"", tx.ValueMark, txMinIsr,
                factors["transaction.state.log.replication.factor"], "transaction.state.log.replication.factor", brokers);
    }

    private static void CheckMinIsr(ValidationContext context, string origin, SourceMark mark, long minIsr, long rf, string rfName, long brokers)
    {
        string? problem = null;
        if (minIsr > brokers) problem = $"{origin} is {minIsr} but there are only {brokers} brokers, so acks=all producers can never write";
        else if (minIsr > rf) problem = $"{origin} ({minIsr}) is above {rfName} ({rf}), so acks=all producers can never write";
        else if (rf > 1 && minIsr >= rf) problem = $"{origin} ({minIsr}) equals {rfName} ({rf}), so one broker restart blocks acks=all producers";
        if (problem is null) return;
        context.Report(DiagnosticCatalog.MinIsrNotBelowReplication, mark,
            $"{problem}. Use {Math.Max(1, rf - 1)}, or 0 to derive max(1, replication factor - 1)");
    }

    /// <summary>The value Kafka ends up with, who set it (null when the chart derived it), and where.</summary>
    private static (long Value, string? Origin, SourceMark Mark) Effective(ValidationContext context, ValuesDocument values,
        string setting, string property, long derived)
    {
        if (KafkaConfigEntry.Find(values, property) is { Integer: { } overridden } entry)
            return (overridden, $"kafka.config.\"{property}\"", entry.ValueMark);
        if (!context.IsRejectedBySchema(setting) && values.Integer(setting) is { } written and > 0)
            return (written, setting, values.Mark(setting));
        return (derived, null, default);
    }
}
