using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>
/// KT4016-KT4018 and KT4014 for what the hook Job applies: each topic and user is declared once (KT4018), a topic fits
/// the brokers (KT4016) and acks=all producers can write to it (KT4017), and a user's password Secret named by
/// existingSecret is one the team creates (KT4014).
/// </summary>
internal sealed class DeclaredTopicsRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values) return;
        if (!context.IsRejectedBySchema("topics") && values.Get("topics") is JsonArray topics) CheckTopics(context, values, topics);
        if (!context.IsRejectedBySchema("users") && values.Get("users") is JsonArray users) CheckUsers(context, values, users);
    }

    private static void CheckTopics(ValidationContext context, ValuesDocument values, JsonArray topics)
    {
        var brokers = context.IsRejectedBySchema("broker.replicas") ? null : values.Integer("broker.replicas");
        var defaultRf = Positive(values, "kafka.replication.defaultReplicationFactor") ?? Math.Min(3, brokers ?? 3);
        var clusterMinIsr = KafkaConfigEntry.Find(values, "min.insync.replicas")?.Integer
                            ?? Positive(values, "kafka.replication.minInsyncReplicas") ?? Math.Max(1, defaultRf - 1);
        foreach (var (i, topic, name) in FirstDeclarations(context, values, "topics", topics))
        {
            var written = Number(topic["replicationFactor"]) is { } r and > 0 ? r : (long?)null;
            var rf = written ?? defaultRf;
            if (written is { } w && brokers is { } b && w > b)
            {
                context.Report(DiagnosticCatalog.TopicReplicationAboveBrokers, values.MarkOfPointer($"/topics/{i}/replicationFactor"),
                    $"topic {name} asks for replication factor {w} but broker.replicas is {b}: Kafka refuses to create it. Use at most {b}, or 0 for the default ({defaultRf})");
                continue;
            }
            if (topic["config"] is JsonObject config && Number(config["min.insync.replicas"]) is { } minIsr)
            {
                if (minIsr > rf)
                    context.Report(DiagnosticCatalog.TopicMinIsrAboveReplication, values.MarkOfPointer($"/topics/{i}/config/min.insync.replicas"),
                        $"topic {name} sets min.insync.replicas {minIsr} above its replication factor {rf}, so every acks=all write fails. Use {Math.Max(1, rf - 1)}");
            }
            else if (clusterMinIsr > rf)
            {
                context.Report(DiagnosticCatalog.TopicMinIsrAboveReplication,
                    values.MarkOfPointer(written is null ? $"/topics/{i}/name" : $"/topics/{i}/replicationFactor"),
                    $"topic {name} has replication factor {rf}, below the cluster's min.insync.replicas {clusterMinIsr} it inherits, so every acks=all write fails. Raise its replicationFactor, or set its config min.insync.replicas to {Math.Max(1, rf - 1)}");
            }
        }
    }

    private static void CheckUsers(ValidationContext context, ValuesDocument values, JsonArray users)
    {
        var scram = values.String("auth.mode") != "mtls";
        foreach (var (i, user, name) in FirstDeclarations(context, values, "users", users))
        {
            if (scram && Text(user["existingSecret"]) is { Length: > 0 } secret)
                context.Report(DiagnosticCatalog.NamedSecretNotInRepo, values.MarkOfPointer($"/users/{i}/existingSecret"),
                    $"user {name} takes its password from the Secret {secret}, which the repo does not create; create it in the namespace with the key {Text(user["existingSecretKey"]) ?? "password"} before installing");
        }
    }

    /// <summary>The named entries of a declared list, each name once: a second declaration is reported (KT4018) and skipped.</summary>
    private static IEnumerable<(int Index, JsonObject Entry, string Name)> FirstDeclarations(ValidationContext context, ValuesDocument values,
        string list, JsonArray entries)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || Text(entry["name"]) is not { } name) continue;
            if (seen.Add(name))
            {
                yield return (i, entry, name);
                continue;
            }
            context.Report(DiagnosticCatalog.DuplicateDeclaration, values.MarkOfPointer($"/{list}/{i}/name"),
                $"{list} declares {name} a second time ({list}[{i}]); merge the two entries into one");
        }
    }

    private static long? Positive(ValuesDocument values, string path) => values.Integer(path) is { } v and > 0 ? v : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static long? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.GetValueKind() == JsonValueKind.String && long.TryParse(v.GetValue<string>(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };
}
