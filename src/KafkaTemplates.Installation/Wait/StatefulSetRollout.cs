using k8s.Models;

namespace KafkaTemplates.Installation.Wait;

/// <summary>
/// Where one StatefulSet's rollout stands, judged as `kubectl rollout status` judges it: the controller has seen the
/// latest spec, every replica is ready, every replica runs the update revision.
/// </summary>
public sealed record StatefulSetRollout(string Name, int Desired, int Ready, int Updated, bool Observed, bool Done)
{
    public static StatefulSetRollout Pending(string name) => new(name, 0, 0, 0, false, false);

    public static StatefulSetRollout From(V1StatefulSet sts)
    {
        var desired = sts.Spec?.Replicas ?? 1;
        var status = sts.Status;
        var observed = status?.ObservedGeneration is { } g && g >= (sts.Metadata?.Generation ?? 0);
        var ready = status?.ReadyReplicas ?? 0;
        var updated = status?.UpdatedReplicas ?? 0;
        var partition = sts.Spec?.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
        var revisionsAgree = partition > 0 || string.IsNullOrEmpty(status?.UpdateRevision) || status.UpdateRevision == status.CurrentRevision;
        var done = observed && ready >= desired && updated >= desired - partition && revisionsAgree;
        return new StatefulSetRollout(sts.Metadata?.Name ?? "", desired, ready, updated, observed, done);
    }

    public override string ToString() =>
        Done ? $"{Name}: {Ready}/{Desired} ready, rolled out"
        : !Observed ? $"{Name}: waiting for the controller to see the new spec"
        : $"{Name}: {Ready}/{Desired} ready, {Updated}/{Desired} updated";
}
