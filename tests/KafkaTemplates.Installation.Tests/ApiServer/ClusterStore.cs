using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// The emulated server's storage: objects by kind, namespace and name, one resourceVersion counter for all writes
/// (as etcd's revision), and the log of watch events that watches replay from a resourceVersion.
/// </summary>
public sealed class ClusterStore
{
    private readonly object _lock = new();
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<StoredEvent> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _revision = 1000;

    public sealed record StoredEvent(long Revision, string Type, ServedKind Kind, string? Namespace, JsonObject Object);

    /// <summary>Writes made on behalf of API clients (not the emulated controllers).</summary>
    public int ClientWrites { get; private set; }

    /// <summary>Called after every stored write with the kind, the new object and the old one (null on create).</summary>
    public event Action<ServedKind, JsonObject, JsonObject?>? Written;

    /// <summary>Held by anyone who reads, changes and stores an object, so concurrent writers never lose an update.</summary>
    public object Sync => _lock;

    public long Revision
    {
        get
        {
            lock (_lock) return _revision;
        }
    }

    private static string Key(ServedKind kind, string? ns, string name) => $"{kind.Group}/{kind.Plural}/{ns}/{name}";

    public JsonObject? Get(ServedKind kind, string? ns, string name)
    {
        lock (_lock) return _objects.TryGetValue(Key(kind, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
    }

    public (List<JsonObject> Items, long Revision) List(ServedKind kind, string? ns)
    {
        lock (_lock)
        {
            var prefix = kind.Namespaced && ns is not null ? $"{kind.Group}/{kind.Plural}/{ns}/" : $"{kind.Group}/{kind.Plural}/";
            var items = _objects.Where(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => (JsonObject)p.Value.DeepClone()).ToList();
            return (items, _revision);
        }
    }

    /// <summary>Stores a new version of an object, giving it the next resourceVersion.</summary>
    public JsonObject Put(ServedKind kind, JsonObject obj, bool byClient)
    {
        JsonObject stored;
        JsonObject? before;
        lock (_lock)
        {
            var metadata = (JsonObject)obj["metadata"]!;
            var key = Key(kind, kind.Namespaced ? metadata["namespace"]?.GetValue<string>() : null, metadata["name"]!.GetValue<string>());
            before = _objects.TryGetValue(key, out var old) ? old : null;
            _revision++;
            metadata["resourceVersion"] = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            stored = (JsonObject)obj.DeepClone();
            _objects[key] = stored;
            _events.Add(new StoredEvent(_revision, before is null ? "ADDED" : "MODIFIED", kind, metadata["namespace"]?.GetValue<string>(), (JsonObject)stored.DeepClone()));
            if (byClient) ClientWrites++;
            Signal();
        }
        Written?.Invoke(kind, (JsonObject)stored.DeepClone(), before);
        return (JsonObject)stored.DeepClone();
    }

    public bool Delete(ServedKind kind, string? ns, string name, bool byClient)
    {
        lock (_lock)
        {
            var key = Key(kind, ns, name);
            if (!_objects.Remove(key, out var old)) return false;
            _revision++;
            var gone = (JsonObject)old.DeepClone();
            gone["metadata"]!["resourceVersion"] = _revision.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _events.Add(new StoredEvent(_revision, "DELETED", kind, ns, gone));
            if (byClient) ClientWrites++;
            Signal();
            return true;
        }
    }

    /// <summary>Events after <paramref name="revision"/> for a kind (and namespace), and a task that completes on the next write.</summary>
    public (List<StoredEvent> Events, Task Next) EventsAfter(long revision, ServedKind kind, string? ns)
    {
        lock (_lock)
        {
            var events = _events.Where(e => e.Revision > revision && e.Kind == kind && (ns is null || !kind.Namespaced || e.Namespace == ns)).ToList();
            return (events, _changed.Task);
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.SetResult();
    }
}
