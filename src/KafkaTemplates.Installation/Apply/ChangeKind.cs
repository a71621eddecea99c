namespace KafkaTemplates.Installation.Apply;

/// <summary>What the install does, or would do, to one object.</summary>
public enum ChangeKind
{
    Create,
    Change,
    Unchanged,
    Delete,

    /// <summary>Rendered but not applied: a Helm hook apply mode does not run (the `helm test` pod).</summary>
    Skip,

    /// <summary>No longer rendered but kept: helm.sh/resource-policy keep, or the object no longer belongs to the release.</summary>
    Keep,

    /// <summary>Would be applied; whether that creates or changes it is unknown (client dry run without a cluster).</summary>
    Apply,

    /// <summary>A post-install or post-upgrade hook: created after the release's objects, and waited for.</summary>
    Hook,
}
