namespace KafkaTemplates.Validation;

/// <summary>A group of checks that did not run, and why; shown after the diagnostics so a clean result is not overread.</summary>
public sealed record SkippedCheck(string Check, string Reason);
