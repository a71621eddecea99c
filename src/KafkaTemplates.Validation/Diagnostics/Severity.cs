namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>How much a finding matters: errors fail validation, warnings fail it only with --warnings-as-errors.</summary>
public enum Severity
{
    Error,
    Warning,

    /// <summary>Information that never fails validation, such as a check that could not run.</summary>
    Note,
}
