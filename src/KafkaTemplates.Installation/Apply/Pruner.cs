using System.Net;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// Decides and carries out the deletion of what the release owned and the chart no longer renders. Only objects that
/// still carry this release's mark are deleted; helm.sh/resource-policy: keep is honoured as Helm honours it.
/// </summary>
internal static class Pruner
{
    public static async Task<IReadOnlyList<PlannedChange>> PlanAsync(KubeApi api, ClusterCapabilities capabilities, IEnumerable<ObjectRef> candidates, string release, CancellationToken cancellationToken)
    {
        var plan = new List<PlannedChange>();
        foreach (var gone in ApplyOrder.Sort(candidates, c => c.Kind).Reverse())
        {
            var resource = capabilities.Find(gone.ApiVersion, gone.Kind)
                ?? capabilities.Resources.FirstOrDefault(r => r.Group == gone.Group && r.Kind == gone.Kind);
            if (resource is null)
            {
                plan.Add(new PlannedChange(gone, ChangeKind.Keep, "its kind is no longer served; left alone"));
                continue;
            }
            var live = await api.GetAsync(resource.ObjectPath(gone.Namespace, gone.Name), cancellationToken);
            if (live is null) continue; // already gone: it only drops out of the inventory
            var owner = live["metadata"]?["annotations"]?[ReleaseMarks.ReleaseAnnotation]?.GetValue<string>();
            if (owner != release)
                plan.Add(new PlannedChange(gone, ChangeKind.Keep, owner is null ? "no longer marked as this release's; left alone" : $"now belongs to release '{owner}'; left alone"));
            else if (live["metadata"]?["annotations"]?[ReleaseMarks.ResourcePolicy]?.GetValue<string>() == "keep")
                plan.Add(new PlannedChange(gone, ChangeKind.Keep, $"{ReleaseMarks.ResourcePolicy}: keep"));
            else
                plan.Add(new PlannedChange(gone, ChangeKind.Delete, "no longer rendered by the chart"));
        }
        return plan;
    }

    public static async Task<bool> DeleteAsync(KubeApi api, ClusterCapabilities capabilities, ObjectRef gone, CancellationToken cancellationToken)
    {
        var resource = capabilities.Find(gone.ApiVersion, gone.Kind)
            ?? capabilities.Resources.First(r => r.Group == gone.Group && r.Kind == gone.Kind);
        try
        {
            return await api.DeleteAsync(resource.ObjectPath(gone.Namespace, gone.Name), dryRun: false, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
