using System.Globalization;
using k8s;
using k8s.Models;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.Wait;

/// <summary>
/// What to show when a rollout does not finish: for each unfinished StatefulSet, its pods' phases and conditions,
/// every container's state and restarts, and the most recent events of the StatefulSet, its pods and their volumes.
/// </summary>
internal static class RolloutDiagnostics
{
    private const int RecentEvents = 12;

    public static async Task<IReadOnlyList<string>> CollectAsync(ClusterConnection connection, string ns, IEnumerable<V1StatefulSet> unfinished, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        Corev1EventList? events = null;
        try
        {
            events = await connection.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is k8s.Autorest.HttpOperationException or Faults.ClusterUnreachableException)
        {
            lines.Add($"(events could not be read: {e.Message})");
        }

        foreach (var sts in unfinished)
        {
            var name = sts.Metadata.Name;
            lines.Add($"StatefulSet {name}: {StatefulSetRollout.From(sts)}{Revisions(sts)}");
            var selector = string.Join(',', (sts.Spec?.Selector?.MatchLabels ?? new Dictionary<string, string>()).Select(p => $"{p.Key}={p.Value}"));
            V1PodList pods;
            try
            {
                pods = await connection.Client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or Faults.ClusterUnreachableException)
            {
                lines.Add($"  (pods could not be read: {e.Message})");
                continue;
            }
            if (pods.Items.Count == 0) lines.Add("  no pods yet: the StatefulSet controller has created none (see the events below)");
            foreach (var pod in pods.Items.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal)) lines.AddRange(Describe(pod));

            var involved = new HashSet<string>(StringComparer.Ordinal) { name };
            foreach (var pod in pods.Items)
            {
                involved.Add(pod.Metadata.Name);
                foreach (var template in sts.Spec?.VolumeClaimTemplates ?? []) involved.Add($"{template.Metadata?.Name}-{pod.Metadata.Name}");
            }
            var recent = (events?.Items ?? []).Where(e => involved.Contains(e.InvolvedObject?.Name ?? ""))
                .OrderBy(When).TakeLast(RecentEvents).ToList();
            lines.Add(recent.Count == 0 ? "  no recent events" : "  recent events:");
            foreach (var e in recent)
                lines.Add($"    {When(e).ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {e.Type} {e.Reason} {e.InvolvedObject?.Kind}/{e.InvolvedObject?.Name}: {e.Message?.Trim()}{(e.Count > 1 ? $" (x{e.Count})" : "")}");
        }
        return lines;
    }

    private static IEnumerable<string> Describe(V1Pod pod)
    {
        var conditions = (pod.Status?.Conditions ?? []).Where(c => c.Status != "True" && (c.Reason is not null || c.Message is not null))
            .Select(c => $"{c.Type}={c.Status} {c.Reason}: {c.Message}".TrimEnd(':', ' '));
        var phase = pod.Status?.Phase ?? "Unknown";
        var extra = string.Join("; ", conditions);
        yield return $"  pod {pod.Metadata.Name}: {phase}{(extra.Length > 0 ? $" ({extra})" : "")}";
        foreach (var c in (pod.Status?.InitContainerStatuses ?? []).Select(s => (s, init: true)).Concat((pod.Status?.ContainerStatuses ?? []).Select(s => (s, init: false))))
            yield return $"    {(c.init ? "init container" : "container")} {c.s.Name}: {State(c.s.State)}{(c.s.Ready ? ", ready" : ", not ready")}, {c.s.RestartCount} restart(s){(c.s.LastState?.Terminated is { } last ? $", last exit {last.ExitCode} {last.Reason}" : "")}";
    }

    private static string State(V1ContainerState? state) => state switch
    {
        { Waiting: { } w } => $"waiting ({w.Reason}{(string.IsNullOrEmpty(w.Message) ? "" : $": {w.Message}")})",
        { Terminated: { } t } => $"terminated ({t.Reason}, exit {t.ExitCode}{(string.IsNullOrEmpty(t.Message) ? "" : $": {t.Message}")})",
        { Running: not null } => "running",
        _ => "unknown",
    };

    private static string Revisions(V1StatefulSet sts) =>
        sts.Status?.UpdateRevision is { Length: > 0 } update && update != sts.Status.CurrentRevision
            ? $" (revision {sts.Status.CurrentRevision} -> {update})" : "";

    private static DateTime When(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp ?? DateTime.MinValue;
}
