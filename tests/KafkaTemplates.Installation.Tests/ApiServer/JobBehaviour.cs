namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>What the emulated Job controller does with a Job once it is created.</summary>
public enum JobBehaviour
{
    /// <summary>Its pod runs and succeeds: succeeded 1, conditions SuccessCriteriaMet and Complete.</summary>
    Succeeds,

    /// <summary>Every pod fails until spec.backoffLimit is exhausted: failed backoffLimit+1, conditions FailureTarget and Failed (BackoffLimitExceeded).</summary>
    FailsAfterBackoffLimit,

    /// <summary>Its pod starts and never finishes: active 1, no terminal condition.</summary>
    NeverFinishes,
}
