namespace KafkaTemplates.Engine.Steps;

public enum StepOutcome { Ran, SkippedByCondition, PortalOnly, SkippedInDryRun }

/// <summary>What happened to one step, for the CLI summary and the portal's task view.</summary>
public sealed record StepReport(string Id, string Name, string Action, StepOutcome Outcome, TimeSpan Duration);
