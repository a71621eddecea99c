using System.Globalization;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// The emulated StatefulSet controller: when a StatefulSet's generation changes it writes status updates step by
/// step (observedGeneration, then ready and updated replicas one by one, then currentRevision), or, when told the
/// rollout never becomes ready, crash-looping pods and their events.
/// </summary>
public sealed class RolloutSimulator : IDisposable
{
    private readonly ClusterStore _store;
    private readonly Func<RolloutBehaviour> _behaviour;
    private readonly TimeSpan _step;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServedKind _statefulSets = ServedKind.BuiltIn.Single(k => k.Kind == "StatefulSet");
    private readonly ServedKind _pods = ServedKind.BuiltIn.Single(k => k.Kind == "Pod");
    private readonly ServedKind _events = ServedKind.BuiltIn.Single(k => k.Kind == "Event");

    public RolloutSimulator(ClusterStore store, Func<RolloutBehaviour> behaviour, TimeSpan step)
    {
        _store = store;
        _behaviour = behaviour;
        _step = step;
        store.Written += OnWritten;
    }

    private void OnWritten(ServedKind kind, JsonObject obj, JsonObject? before)
    {
        if (kind != _statefulSets) return;
        var generation = JsonNumber.Long(obj["metadata"]?["generation"]) ?? 1;
        if (before is not null && (JsonNumber.Long(before["metadata"]?["generation"]) ?? 1) == generation) return;
        var ns = obj["metadata"]!["namespace"]!.GetValue<string>();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        var behaviour = _behaviour();
        _ = Task.Run(() => RunAsync(ns, name, generation, behaviour, _stop.Token));
    }

    private async Task RunAsync(string ns, string name, long generation, RolloutBehaviour behaviour, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_step, cancellationToken);
            var revision = $"{name}-{generation}";
            var replicas = 0;
            if (!Mutate(ns, name, generation, (sts, status) =>
            {
                replicas = (int)(JsonNumber.Long(sts["spec"]?["replicas"]) ?? 1);
                status["observedGeneration"] = generation;
                status["replicas"] = replicas;
                status["readyReplicas"] = 0;
                status["updatedReplicas"] = 0;
                status["updateRevision"] = revision;
                status["currentRevision"] ??= revision;
            })) return;

            if (behaviour == RolloutBehaviour.NeverReady)
            {
                CrashLoop(ns, name, replicas);
                return;
            }
            for (var i = 1; i <= replicas; i++)
            {
                await Task.Delay(_step, cancellationToken);
                var ready = i;
                if (!Mutate(ns, name, generation, (_, status) =>
                {
                    status["readyReplicas"] = ready;
                    status["updatedReplicas"] = ready;
                    status["availableReplicas"] = ready;
                    if (ready == replicas) status["currentRevision"] = revision;
                })) return;
            }
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down.
        }
    }

    /// <summary>Changes the status of the StatefulSet if it is still at <paramref name="generation"/>; false when a newer spec took over.</summary>
    private bool Mutate(string ns, string name, long generation, Action<JsonObject, JsonObject> change)
    {
        lock (_store.Sync)
        {
            var sts = _store.Get(_statefulSets, ns, name);
            if (sts is null || (JsonNumber.Long(sts["metadata"]?["generation"]) ?? 1) != generation) return false;
            var status = sts["status"] as JsonObject ?? [];
            sts["status"] = status;
            change(sts, status);
            _store.Put(_statefulSets, sts, byClient: false);
            return true;
        }
    }

    private void CrashLoop(string ns, string name, int replicas)
    {
        var sts = _store.Get(_statefulSets, ns, name)!;
        var labels = sts["spec"]?["selector"]?["matchLabels"]?.DeepClone() ?? new JsonObject();
        var now = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        for (var i = 0; i < replicas; i++)
        {
            var pod = $"{name}-{i}";
            _store.Put(_pods, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns, ["labels"] = labels.DeepClone(), ["creationTimestamp"] = now },
                ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "kafka", ["image"] = "kafka:test" }) },
                ["status"] = new JsonObject
                {
                    ["phase"] = "Running",
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = "False", ["reason"] = "ContainersNotReady", ["message"] = "containers with unready status: [kafka]" }),
                    ["containerStatuses"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "kafka",
                        ["image"] = "kafka:test",
                        ["imageID"] = "",
                        ["ready"] = false,
                        ["restartCount"] = 4,
                        ["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = "back-off 1m20s restarting failed container=kafka" } },
                        ["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1, ["reason"] = "Error" } },
                    }),
                },
            }, byClient: false);
            _store.Put(_events, Event(ns, $"{pod}.backoff", "Pod", pod, "Warning", "BackOff", $"Back-off restarting failed container kafka in pod {pod}", now), byClient: false);
        }
        _store.Put(_events, Event(ns, $"{name}.create", "StatefulSet", name, "Normal", "SuccessfulCreate", $"create Pod {name}-0 in StatefulSet {name} successful", now), byClient: false);
    }

    private static JsonObject Event(string ns, string name, string kind, string involved, string type, string reason, string message, string now) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Event",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["creationTimestamp"] = now },
        ["involvedObject"] = new JsonObject { ["kind"] = kind, ["name"] = involved, ["namespace"] = ns },
        ["type"] = type,
        ["reason"] = reason,
        ["message"] = message,
        ["count"] = 5,
        ["firstTimestamp"] = now,
        ["lastTimestamp"] = now,
    };

    public void Dispose()
    {
        _store.Written -= OnWritten;
        _stop.Cancel();
        _stop.Dispose();
    }
}
