namespace KafkaTemplates.Engine.Parameters;

/// <summary>One broken rule: which parameter, which rule, the offending value, and what to do about it.</summary>
public sealed record ParameterViolation(string Parameter, string Rule, string? Value, string Message)
{
    public override string ToString() =>
        Value is null ? $"{Parameter}: {Message} [{Rule}]" : $"{Parameter}: {Message} (got {Value}) [{Rule}]";
}

/// <summary>Answers that do not fit the template's parameters; lists every violation at once.</summary>
public sealed class ParameterException(IReadOnlyList<ParameterViolation> violations)
    : Exception(violations.Count == 1
        ? "invalid parameter: " + violations[0]
        : $"{violations.Count} invalid parameters:" + string.Concat(violations.Select(v => "\n  " + v)))
{
    public IReadOnlyList<ParameterViolation> Violations { get; } = violations;
}
