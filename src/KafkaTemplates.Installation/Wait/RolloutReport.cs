namespace KafkaTemplates.Installation.Wait;

/// <summary>How the wait ended: every StatefulSet rolled out, or the timeout with what the pods and events show.</summary>
public sealed record RolloutReport(bool Completed, IReadOnlyList<StatefulSetRollout> StatefulSets, IReadOnlyList<string> Diagnostics);
