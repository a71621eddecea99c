using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>One line of the plan: the object, what happens to it, and a short why (changed fields, skip reason).</summary>
public sealed record PlannedChange(ObjectRef Ref, ChangeKind Kind, string? Detail = null);
