using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.DryRun;

/// <summary>
/// The plan of --dry-run=client. With no cluster it lists what would be applied. With a cluster it reads, never
/// writes: each object is created, changed or unchanged by a comparison with the live object, and the inventory
/// says what would be pruned.
/// </summary>
internal static class ClientPlanner
{
    public static List<PlannedChange> Plan(IReadOnlyList<ResolvedObject> objects, LiveState? live)
    {
        var changes = new List<PlannedChange>();
        foreach (var o in objects)
        {
            if (live is null)
            {
                changes.Add(new PlannedChange(o.Ref, ChangeKind.Apply, "cluster not known"));
                continue;
            }
            if (o.Resource is null)
            {
                changes.Add(new PlannedChange(o.Ref, ChangeKind.Apply, "the cluster does not serve this kind"));
                continue;
            }
            if (live.IsUnreadable(o))
            {
                changes.Add(new PlannedChange(o.Ref, ChangeKind.Apply, "cannot be read (forbidden)"));
                continue;
            }
            var current = live.Find(o);
            if (current is null)
            {
                changes.Add(new PlannedChange(o.Ref, ChangeKind.Create));
                continue;
            }
            var differences = FieldSubset.Differences(o.Body, current, ReleaseMarks.FieldManager);
            changes.Add(differences.Count == 0
                ? new PlannedChange(o.Ref, ChangeKind.Unchanged)
                : new PlannedChange(o.Ref, ChangeKind.Change, string.Join(", ", differences)));
        }
        return changes;
    }

    public static string Basis(ClusterConnection? connection) =>
        connection is null ? "client dry run, no cluster known" : $"client dry run, compared with {connection.Describe()}";
}
