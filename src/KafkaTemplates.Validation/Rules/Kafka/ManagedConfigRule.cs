using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>KT4008: kafka.config leaves alone the properties the chart derives per pod, and has no ZooKeeper settings.</summary>
internal sealed class ManagedConfigRule : IRepoRule
{
    /// <summary>Derived per pod by the chart and docker/entrypoint.sh; an override breaks node identity or the quorum.</summary>
    private static readonly HashSet<string> Managed = new(StringComparer.Ordinal)
    {
        "node.id", "broker.id", "process.roles", "listeners", "advertised.listeners", "listener.security.protocol.map",
        "inter.broker.listener.name", "controller.listener.names", "controller.quorum.voters",
        "controller.quorum.bootstrap.servers", "log.dirs", "log.dir", "metadata.log.dir",
        // Security the chart derives from tls.* and auth.*: a super user list of kafka.config could lock the brokers out.
        "authorizer.class.name", "allow.everyone.if.no.acl.found", "super.users", "ssl.keystore.location",
        "ssl.truststore.location", "ssl.client.auth", "sasl.enabled.mechanisms", "sasl.mechanism.inter.broker.protocol",
    };

    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values || context.IsRejectedBySchema("kafka.config")) return;
        foreach (var entry in KafkaConfigEntry.Read(values))
        {
            if (Managed.Contains(entry.Property))
                context.Report(DiagnosticCatalog.ManagedConfigOverridden, entry.KeyMark,
                    $"kafka.config sets {entry.Property}, which the chart derives for every pod; remove it (the chart refuses to render with it)");
            else if (entry.Property.StartsWith("zookeeper.", StringComparison.Ordinal))
                context.Report(DiagnosticCatalog.ManagedConfigOverridden, entry.KeyMark,
                    $"kafka.config sets {entry.Property}, but Kafka 4 runs in KRaft mode only and has no ZooKeeper; remove it");
        }
    }
}
