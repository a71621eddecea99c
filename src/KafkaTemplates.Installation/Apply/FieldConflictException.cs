namespace KafkaTemplates.Installation.Apply;

/// <summary>An apply met fields owned by another manager. Thrown only when that happens after planning (a race).</summary>
internal sealed class FieldConflictException(IReadOnlyList<FieldConflict> conflicts)
    : Exception($"{conflicts.Count} field conflict(s) with other field managers")
{
    public IReadOnlyList<FieldConflict> Conflicts { get; } = conflicts;
}
