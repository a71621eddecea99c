using System.Net;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// The cluster as it is before the install: each rendered object (or its absence), the namespace and the release's
/// inventory. Read once; preflight and the plan both use it.
/// </summary>
internal sealed class LiveState
{
    private readonly Dictionary<string, JsonObject?> _objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    /// <summary>True, false, or null when the namespace cannot be read (no cluster-scope rights).</summary>
    public bool? NamespaceExists { get; private set; }

    public string? NamespacePhase { get; private set; }

    public ReleaseInventory? Inventory { get; private set; }

    /// <summary>The inventory ConfigMap as stored, to tell whether rewriting it would change anything.</summary>
    public System.Text.Json.Nodes.JsonObject? InventoryObject { get; private set; }

    public bool InventoryReadable { get; private set; } = true;

    public JsonObject? Find(ResolvedObject o) => _objects.GetValueOrDefault(o.Ref.Key);

    public bool Exists(ResolvedObject o) => _objects.TryGetValue(o.Ref.Key, out var live) && live is not null;

    /// <summary>Reading the object was forbidden, so whether it exists is unknown.</summary>
    public bool IsUnreadable(ResolvedObject o) => _unreadable.Contains(o.Ref.Key);

    public static LiveState Empty(bool? namespaceExists = null) => new() { NamespaceExists = namespaceExists };

    public static async Task<LiveState> ReadAsync(KubeApi api, IReadOnlyList<ResolvedObject> objects, string release, string ns, CancellationToken cancellationToken)
    {
        var state = new LiveState();
        try
        {
            var namespaceObject = await api.GetAsync($"api/v1/namespaces/{Uri.EscapeDataString(ns)}", cancellationToken);
            state.NamespaceExists = namespaceObject is not null;
            state.NamespacePhase = namespaceObject?["status"]?["phase"]?.GetValue<string>();
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            // Teams often have rights inside their namespace only; then the namespace's existence shows in the answers below.
            state.NamespaceExists = null;
        }

        if (state.NamespaceExists != false)
        {
            try
            {
                state.InventoryObject = await api.GetAsync(ReleaseInventory.Resource.ObjectPath(ns, ReleaseMarks.InventoryName(release)), cancellationToken);
                state.Inventory = state.InventoryObject is null ? null : ReleaseInventory.Parse(state.InventoryObject);
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                state.InventoryReadable = false;
            }
        }

        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(objects.Where(o => o.Resource is not null).Select(async o =>
        {
            if (state.NamespaceExists == false && o.Resource!.Namespaced) return;
            await gate.WaitAsync(cancellationToken);
            try
            {
                var live = await api.GetAsync(o.Path, cancellationToken);
                lock (state._objects) state._objects[o.Ref.Key] = live;
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
            {
                lock (state._objects) state._unreadable.Add(o.Ref.Key);
            }
            finally
            {
                gate.Release();
            }
        }));
        return state;
    }
}
