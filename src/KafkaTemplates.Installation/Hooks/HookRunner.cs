using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Hooks;

/// <summary>
/// Runs post-install/post-upgrade hooks as Helm does, one after the other in the plan's order: delete the previous
/// run's object (before-hook-creation) and wait until it is gone, create the hook, and for a Job wait until its
/// controller reports Complete or Failed, within the install's timeout. hook-succeeded and hook-failed delete it
/// afterwards. The first hook that fails stops the rest. Hooks are not in the release inventory, so never pruned.
/// </summary>
internal sealed class HookRunner(ClusterConnection connection, RetryPolicy retry, IInstallObserver observer, TimeSpan timeout)
{
    private static readonly TimeSpan GonePoll = TimeSpan.FromMilliseconds(250);

    public async Task<IReadOnlyList<HookReport>> RunAsync(HookPlan plan, CancellationToken cancellationToken)
    {
        var reports = new List<HookReport>();
        foreach (var hook in plan.Run)
        {
            if (reports.Any(r => r.Failed))
            {
                reports.Add(new HookReport(hook.Object.Ref, plan.Event, HookStatus.NotRun, "not started: an earlier hook failed", null));
                continue;
            }
            reports.Add(await RunOneAsync(hook, plan.Event, cancellationToken));
        }
        return reports;
    }

    private async Task<HookReport> RunOneAsync(ReleaseHook hook, string hookEvent, CancellationToken cancellationToken)
    {
        var o = hook.Object;
        var r = o.Ref;
        var api = connection.Api;
        var logs = r.Kind == "Job" ? $"kubectl logs job/{r.Name} -n {r.Namespace}" : null;
        if (o.Resource is null)
            return new HookReport(r, hookEvent, HookStatus.Failed, $"could not run: the cluster does not serve {r.ApiVersion} {r.Kind}", null);

        observer.Step($"Running the {hookEvent} hook {r}");
        if (await api.GetAsync(o.Path, cancellationToken) is { } previous)
        {
            if (!hook.Deletes(ReleaseHook.BeforeHookCreation))
                return new HookReport(r, hookEvent, HookStatus.Failed,
                    $"could not run: it already exists from an earlier run and its helm.sh/hook-delete-policy has no {ReleaseHook.BeforeHookCreation}; delete it (`kubectl delete {r.Kind.ToLowerInvariant()} {r.Name} -n {r.Namespace}`) and install again", null);
            // Helm deletes whatever has the hook's name; this tool never deletes what another release or a person made.
            var owner = Owner(previous);
            if (owner != Owner(o.Body))
                return new HookReport(r, hookEvent, HookStatus.Failed,
                    $"could not run: a {r.Kind} of that name already exists and {(owner is null ? "is not marked as this release's" : $"belongs to release '{owner}'")}, so it was left alone; delete or rename it and install again", null);
            await api.DeleteAsync(o.Path, dryRun: false, cancellationToken);
            if (!await WaitGoneAsync(o.Path, Uid(previous), cancellationToken))
                return new HookReport(r, hookEvent, HookStatus.TimedOut, $"the previous run's object was deleted ({ReleaseHook.BeforeHookCreation}) but was still there after {timeout}", logs);
            observer.Applied(new PlannedChange(r, ChangeKind.Delete, $"the previous run's hook ({ReleaseHook.BeforeHookCreation})"));
        }

        var created = await api.ApplyAsync(o.Path, o.Body, ReleaseMarks.FieldManager, dryRun: false, cancellationToken);
        observer.Applied(new PlannedChange(r, ChangeKind.Create, $"{hookEvent} hook"));
        if (r.Kind != "Job")
            return new HookReport(r, hookEvent, HookStatus.Succeeded, "created", null);

        var (state, finished) = await WaitForJobAsync(o, Uid(created), cancellationToken);
        var report = !finished
            ? new HookReport(r, hookEvent, HookStatus.TimedOut, $"did not finish within {timeout}; it may still be running ({state?.ToString() ?? "no status yet"})", logs)
            : state!.Complete && !state.Failed
                ? new HookReport(r, hookEvent, HookStatus.Succeeded, state.ToString(), logs)
                : new HookReport(r, hookEvent, HookStatus.Failed, state.ToString(), logs);

        var deleteAfter = report.Status == HookStatus.Succeeded ? ReleaseHook.HookSucceeded : report.Status == HookStatus.Failed ? ReleaseHook.HookFailed : null;
        if (deleteAfter is not null && hook.Deletes(deleteAfter))
        {
            await api.DeleteAsync(o.Path, dryRun: false, cancellationToken);
            observer.Applied(new PlannedChange(r, ChangeKind.Delete, deleteAfter));
            report = report with { Detail = $"{report.Detail}; deleted ({deleteAfter}), so its log is gone", LogCommand = null };
        }
        return report;
    }

    /// <summary>Watches the Job (this run's, by uid) until it finishes; false with the last state seen when the timeout ends the wait.</summary>
    private async Task<(JobState? State, bool Finished)> WaitForJobAsync(ResolvedObject job, string? uid, CancellationToken cancellationToken)
    {
        JobState? state = null;
        var deleted = false;
        bool Record(JsonObject obj, bool gone)
        {
            if (obj["metadata"]?["name"]?.GetValue<string>() != job.Ref.Name || (uid is not null && Uid(obj) != uid)) return false;
            if (gone)
            {
                deleted = true;
                return true;
            }
            state = JobState.From(obj);
            return state.Finished;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var watch = new ResumableWatch(connection.Api, job.Resource!.CollectionPath(job.Ref.Namespace), retry, observer.Notice);
        try
        {
            await watch.RunAsync(
                list => (list["items"] as JsonArray ?? []).OfType<JsonObject>().Any(item => Record(item, false)),
                e => Record(e.Object, e.Type == "DELETED"),
                deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (state, false);
        }
        if (deleted) return (new JobState(false, true, "Deleted", "the Job was deleted before it finished", 0, 0, 0), true);
        return (state, true);
    }

    private async Task<bool> WaitGoneAsync(string path, string? uid, CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + timeout;
        while (await connection.Api.GetAsync(path, cancellationToken) is { } live && Uid(live) == uid)
        {
            if (DateTime.UtcNow >= until) return false;
            await Task.Delay(GonePoll, cancellationToken);
        }
        return true;
    }

    private static string? Owner(JsonObject obj) => obj["metadata"]?["annotations"]?[ReleaseMarks.ReleaseAnnotation]?.GetValue<string>();

    private static string? Uid(JsonObject obj) => obj["metadata"]?["uid"]?.GetValue<string>();
}
