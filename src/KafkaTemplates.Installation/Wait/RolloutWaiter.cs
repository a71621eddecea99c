using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Wait;

/// <summary>
/// Watches the release's StatefulSets until every replica is ready and updated, reporting progress as it moves.
/// The watch survives drops (it resumes from the last resourceVersion); the timeout ends it, and then the pods'
/// states and the recent events say why.
/// </summary>
internal sealed class RolloutWaiter(ClusterConnection connection, RetryPolicy retry, Action<string>? onNotice)
{
    private static readonly ApiResource StatefulSets = new("apps", "v1", "StatefulSet", "statefulsets", true);

    public async Task<RolloutReport> WaitAsync(string ns, IReadOnlyList<string> names, TimeSpan timeout, IProgress<IReadOnlyList<StatefulSetRollout>> progress, CancellationToken cancellationToken)
    {
        var latest = new Dictionary<string, V1StatefulSet?>(StringComparer.Ordinal);
        foreach (var name in names) latest[name] = null;
        IReadOnlyList<StatefulSetRollout> States() =>
            names.Select(n => latest[n] is { } s ? StatefulSetRollout.From(s) : StatefulSetRollout.Pending(n)).ToList();

        bool Record(JsonObject obj, bool deleted)
        {
            var sts = KubernetesJson.Deserialize<V1StatefulSet>(obj);
            var name = sts.Metadata?.Name ?? "";
            if (!latest.ContainsKey(name)) return false;
            latest[name] = deleted ? null : sts;
            return true;
        }

        bool Report()
        {
            var states = States();
            progress.Report(states);
            return states.All(s => s.Done);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var watch = new ResumableWatch(connection.Api, StatefulSets.CollectionPath(ns), retry, onNotice);
        try
        {
            await watch.RunAsync(
                list =>
                {
                    foreach (var name in names) latest[name] = null;
                    foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>()) Record(item, false);
                    return Report();
                },
                e => Record(e.Object, e.Type == "DELETED") && Report(),
                deadline.Token);
            return new RolloutReport(true, States(), []);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var unfinished = names.Select(n => latest[n]).OfType<V1StatefulSet>().Where(s => !StatefulSetRollout.From(s).Done).ToList();
            var missing = names.Where(n => latest[n] is null).Select(n => $"StatefulSet {n} does not exist").ToList();
            var diagnostics = await RolloutDiagnostics.CollectAsync(connection, ns, unfinished, cancellationToken);
            return new RolloutReport(false, States(), [.. missing, .. diagnostics]);
        }
    }
}
