namespace KafkaTemplates.Engine.Parameters;

/// <summary>One broken rule: which parameter, which rule, the offending value, and what to do about it.</summary>
public sealed record ParameterViolation(string Parameter, string Rule, string? Value, string Message)
{
    public override string ToString() =>
        Value is null ? $"{Parameter}: {Message} [{Rule}]" : $"{Parameter}: {Message} (got {Value}) [{Rule}]";
}

/// <summary>
/// Answers that do not fit the template's parameters; lists every violation at once, up to
/// <see cref="Yaml.InputLimits.MaxErrors"/> of them, and counts the rest in <see cref="Omitted"/>.
/// </summary>
public sealed class ParameterException(IReadOnlyList<ParameterViolation> violations, int omitted = 0)
    : Exception(violations.Count == 1 && omitted == 0
        ? "invalid parameter: " + violations[0]
        : $"{violations.Count + omitted} invalid parameters:" + string.Concat(violations.Select(v => "\n  " + v))
          + (omitted > 0 ? $"\n  ... and {omitted} more" : ""))
{
    public IReadOnlyList<ParameterViolation> Violations { get; } = violations;

    /// <summary>Violations beyond those listed, counted but not described.</summary>
    public int Omitted { get; } = omitted;

    /// <summary>All violations, listed or not.</summary>
    public int Count => Violations.Count + Omitted;
}
