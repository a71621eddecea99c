using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// Server-side apply as the API server does it, for the fields this suite needs: the applied configuration's leaf
/// fields become the manager's set; a field another manager owns with a different value is a conflict unless
/// forced; fields the manager stops applying are removed unless someone else owns them; an apply that changes
/// neither the object nor the ownership is a no-op.
/// </summary>
public static class ServerSideApply
{
    public sealed record Outcome(JsonObject Result, IReadOnlyList<(string Path, string Manager, string ApiVersion)> Conflicts);

    public static Outcome Apply(JsonObject? live, JsonObject applied, string manager, bool force, string now)
    {
        var appliedPaths = FieldPath.Leaves(applied);
        var result = live is null ? Skeleton(applied) : (JsonObject)live.DeepClone();
        var entries = live is null ? [] : ManagedFieldsEntry.Read(live);

        var conflicts = new List<(string, string, string)>();
        foreach (var other in entries.Where(e => !(e.Manager == manager && e.Operation == "Apply")))
        {
            foreach (var owned in other.Paths.ToList())
            {
                var overlapping = appliedPaths.Where(p => Overlaps(p, owned)).ToList();
                if (overlapping.Count == 0) continue;
                var same = overlapping.All(p => JsonNode.DeepEquals(FieldPath.Get(result, p), FieldPath.Get(applied, p)) && FieldPath.Exists(result, p));
                if (same) continue;
                if (force) other.Paths.Remove(owned);
                else conflicts.Add((owned, other.Manager, other.ApiVersion));
            }
        }
        if (conflicts.Count > 0) return new Outcome(live!, conflicts);

        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Apply");
        var previous = mine?.Paths ?? [];
        foreach (var dropped in previous.Where(p => !appliedPaths.Contains(p)))
            if (!entries.Any(e => e != mine && e.Paths.Contains(dropped))) FieldPath.Remove(result, dropped);
        foreach (var path in appliedPaths) FieldPath.Set(result, path, FieldPath.Get(applied, path));

        var ownershipChanged = mine is null || !mine.Paths.SetEquals(appliedPaths);
        entries.RemoveAll(e => e == mine);
        var apiVersion = applied["apiVersion"]?.GetValue<string>() ?? "";
        entries.Add(new ManagedFieldsEntry(manager, "Apply", apiVersion, ownershipChanged || mine is null ? now : mine.Time, appliedPaths));
        ManagedFieldsEntry.Write(result, entries);
        return new Outcome(result, []);
    }

    /// <summary>A non-apply write (kubectl scale, edit): the changed fields move to <paramref name="manager"/>.</summary>
    public static JsonObject Update(JsonObject live, Action<JsonObject> mutate, string manager, string now)
    {
        var result = (JsonObject)live.DeepClone();
        mutate(result);
        var before = FieldPath.Leaves(live);
        var after = FieldPath.Leaves(result);
        var changed = after.Where(p => !JsonNode.DeepEquals(FieldPath.Get(live, p), FieldPath.Get(result, p))).ToHashSet(StringComparer.Ordinal);
        var entries = ManagedFieldsEntry.Read(live);
        foreach (var e in entries) e.Paths.ExceptWith(changed);
        var mine = entries.FirstOrDefault(e => e.Manager == manager && e.Operation == "Update");
        entries.RemoveAll(e => e == mine);
        var paths = mine?.Paths ?? new HashSet<string>(StringComparer.Ordinal);
        paths.UnionWith(changed);
        paths.IntersectWith(after.Union(before));
        entries.Add(new ManagedFieldsEntry(manager, "Update", live["apiVersion"]?.GetValue<string>() ?? "", now, paths));
        ManagedFieldsEntry.Write(result, entries);
        return result;
    }

    private static bool Overlaps(string a, string b) =>
        a == b || a.StartsWith(b + '\u001f', StringComparison.Ordinal) || b.StartsWith(a + '\u001f', StringComparison.Ordinal);

    private static JsonObject Skeleton(JsonObject applied) => new()
    {
        ["apiVersion"] = applied["apiVersion"]?.DeepClone(),
        ["kind"] = applied["kind"]?.DeepClone(),
        ["metadata"] = new JsonObject { ["name"] = applied["metadata"]?["name"]?.DeepClone() },
    };
}
