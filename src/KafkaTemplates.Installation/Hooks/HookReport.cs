using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Hooks;

/// <summary>How one hook ended.</summary>
public enum HookStatus
{
    Succeeded,
    Failed,
    TimedOut,

    /// <summary>An earlier hook failed, so this one was not started (Helm stops at the first failed hook too).</summary>
    NotRun,
}

/// <summary>One hook's run: the object, the event it ran for, how it ended, why, and where its log is (a Job's or Pod's).</summary>
public sealed record HookReport(ObjectRef Hook, string Event, HookStatus Status, string Detail, string? LogCommand)
{
    public bool Failed => Status is HookStatus.Failed or HookStatus.TimedOut;
}
