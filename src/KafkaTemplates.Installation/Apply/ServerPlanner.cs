using System.Net;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// Plans an install by asking the API server: every object is server-side applied with dryRun=All and without
/// force, and the answer is compared with the live object. The server validates, defaults and checks field
/// ownership exactly as a real apply would, so "unchanged" means a real apply would write nothing, and every field
/// conflict is found before anything is written.
/// </summary>
internal static class ServerPlanner
{
    public static async Task<(List<PlannedChange> Changes, List<FieldConflict> Conflicts)> PlanAsync(
        KubeApi api, IReadOnlyList<ResolvedObject> objects, LiveState live, bool namespaceMissing, CancellationToken cancellationToken)
    {
        var changes = new List<PlannedChange>();
        var conflicts = new List<FieldConflict>();
        foreach (var o in objects)
        {
            if (namespaceMissing && o.Resource!.Namespaced)
            {
                // The server cannot dry-run into a namespace that does not exist yet.
                changes.Add(new PlannedChange(o.Ref, ChangeKind.Create, "in the namespace to be created"));
                continue;
            }
            var (change, conflict) = await PlanOneAsync(api, o.Ref, o.Path, o.Body, live.Find(o), cancellationToken);
            if (conflict is not null) conflicts.AddRange(conflict);
            else changes.Add(change!);
        }
        return (changes, conflicts);
    }

    public static async Task<(PlannedChange? Change, IReadOnlyList<FieldConflict>? Conflicts)> PlanOneAsync(
        KubeApi api, Rendering.ObjectRef reference, string path, JsonObject body, JsonObject? live, CancellationToken cancellationToken)
    {
        JsonObject answer;
        try
        {
            answer = await api.ApplyAsync(path, body, ReleaseMarks.FieldManager, dryRun: true, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return (null, FieldConflict.FromStatus(reference, e.Status));
        }
        if (live is null) return (new PlannedChange(reference, ChangeKind.Create), null);
        var differences = ObjectDiff.Changes(live, answer);
        return differences.Count == 0
            ? (new PlannedChange(reference, ChangeKind.Unchanged), null)
            : (new PlannedChange(reference, ChangeKind.Change, string.Join(", ", differences)), null);
    }
}
