using System.Globalization;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// The emulated Job controller: when a Job is created it reports, step by step, the batch/v1 status the real one
/// writes: startTime and one active pod, then the outcome the test chose: succeeded and the Complete condition, or
/// failed pods up to spec.backoffLimit + 1 and the Failed condition with reason BackoffLimitExceeded (each terminal
/// condition preceded by SuccessCriteriaMet or FailureTarget, as from Kubernetes 1.31). A Job deleted and created
/// again under the same name is a new Job (new uid); an update of the old one's status never reaches it.
/// </summary>
public sealed class JobSimulator : IDisposable
{
    private readonly ClusterStore _store;
    private readonly Func<string, JobBehaviour> _behaviour;
    private readonly TimeSpan _step;
    private readonly CancellationTokenSource _stop = new();
    private readonly ServedKind _jobs = ServedKind.Batch.Single(k => k.Kind == "Job");

    public JobSimulator(ClusterStore store, Func<string, JobBehaviour> behaviour, TimeSpan step)
    {
        _store = store;
        _behaviour = behaviour;
        _step = step;
        store.Written += OnWritten;
    }

    private void OnWritten(ServedKind kind, JsonObject obj, JsonObject? before)
    {
        if (kind != _jobs || before is not null) return;
        var ns = obj["metadata"]!["namespace"]!.GetValue<string>();
        var name = obj["metadata"]!["name"]!.GetValue<string>();
        var uid = obj["metadata"]!["uid"]!.GetValue<string>();
        var behaviour = _behaviour(name);
        _ = Task.Run(() => RunAsync(ns, name, uid, behaviour, _stop.Token));
    }

    private async Task RunAsync(string ns, string name, string uid, JobBehaviour behaviour, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_step, cancellationToken);
            if (!Mutate(ns, name, uid, (_, status) =>
            {
                status["startTime"] = Now();
                status["active"] = 1;
                status["ready"] = 0;
            })) return;
            if (behaviour == JobBehaviour.NeverFinishes) return;

            await Task.Delay(_step, cancellationToken);
            Mutate(ns, name, uid, (job, status) =>
            {
                var now = Now();
                status["active"] = 0;
                status["ready"] = 0;
                if (behaviour == JobBehaviour.Succeeds)
                {
                    status["succeeded"] = 1;
                    status["completionTime"] = now;
                    status["conditions"] = new JsonArray(
                        Condition("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods", now),
                        Condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
                }
                else
                {
                    var backoffLimit = JsonNumber.Long(job["spec"]?["backoffLimit"]) ?? 6;
                    status["failed"] = backoffLimit + 1;
                    status["conditions"] = new JsonArray(
                        Condition("FailureTarget", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now),
                        Condition("Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit", now));
                }
            });
        }
        catch (OperationCanceledException)
        {
            // The server is shutting down.
        }
    }

    /// <summary>Changes the status of this Job (by uid); false when it is gone or another Job took its name.</summary>
    private bool Mutate(string ns, string name, string uid, Action<JsonObject, JsonObject> change)
    {
        lock (_store.Sync)
        {
            var job = _store.Get(_jobs, ns, name);
            if (job?["metadata"]?["uid"]?.GetValue<string>() != uid) return false;
            var status = job["status"] as JsonObject ?? [];
            job["status"] = status;
            change(job, status);
            _store.Put(_jobs, job, byClient: false);
            return true;
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["reason"] = reason,
        ["message"] = message,
        ["lastProbeTime"] = now,
        ["lastTransitionTime"] = now,
    };

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _store.Written -= OnWritten;
        _stop.Cancel();
        _stop.Dispose();
    }
}
