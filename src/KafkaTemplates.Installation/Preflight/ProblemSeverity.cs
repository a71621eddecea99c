namespace KafkaTemplates.Installation.Preflight;

public enum ProblemSeverity
{
    /// <summary>The install would fail or do harm: nothing is changed.</summary>
    Error,

    /// <summary>Worth knowing; the install goes on.</summary>
    Warning,
}
