namespace KafkaTemplates.Installation;

/// <summary>How an install ended. Every outcome but <see cref="Installed"/> and <see cref="Planned"/> is a problem found on the cluster side.</summary>
public enum InstallOutcome
{
    /// <summary>The release is applied (and, with --wait, rolled out).</summary>
    Installed,

    /// <summary>A dry run printed its plan and found nothing in the way.</summary>
    Planned,

    /// <summary>Preflight found problems; nothing was changed.</summary>
    PreflightFailed,

    /// <summary>Another field manager owns fields the chart sets; nothing was forced.</summary>
    Conflicts,

    /// <summary>Helm (in helm mode) reported a failure.</summary>
    HelmFailed,

    /// <summary>The StatefulSets did not become ready and updated within the timeout.</summary>
    RolloutTimedOut,

    /// <summary>A post-install/post-upgrade hook Job failed or did not finish within the timeout; the release's objects are applied.</summary>
    HookFailed,
}
