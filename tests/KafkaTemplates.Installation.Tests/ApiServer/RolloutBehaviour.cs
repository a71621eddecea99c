namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>What the emulated StatefulSet controller does after a StatefulSet's spec changes.</summary>
public enum RolloutBehaviour
{
    /// <summary>One more replica ready and updated per step, until all are.</summary>
    BecomesReady,

    /// <summary>Pods start and crash-loop; no replica ever becomes ready.</summary>
    NeverReady,
}
