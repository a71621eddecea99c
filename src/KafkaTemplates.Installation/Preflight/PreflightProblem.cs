namespace KafkaTemplates.Installation.Preflight;

/// <summary>One finding of a preflight check: what is wrong, and what to do about it.</summary>
public sealed record PreflightProblem(string Check, string Message, string? Fix = null, ProblemSeverity Severity = ProblemSeverity.Error);
