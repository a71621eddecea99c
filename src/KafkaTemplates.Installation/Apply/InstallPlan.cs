namespace KafkaTemplates.Installation.Apply;

/// <summary>What an install does, object by object, and the field conflicts that stop it.</summary>
public sealed class InstallPlan(IReadOnlyList<PlannedChange> changes, IReadOnlyList<FieldConflict> conflicts, string basis)
{
    public IReadOnlyList<PlannedChange> Changes { get; } = changes;

    public IReadOnlyList<FieldConflict> Conflicts { get; } = conflicts;

    /// <summary>How the plan was made: "server dry run", "compared with the cluster", "no cluster".</summary>
    public string Basis { get; } = basis;

    public int Count(ChangeKind kind) => Changes.Count(c => c.Kind == kind);

    /// <summary>True when the install writes: a hook runs on every install, as Helm runs it on every upgrade.</summary>
    public bool HasWrites => Changes.Any(c => c.Kind is ChangeKind.Create or ChangeKind.Change or ChangeKind.Delete or ChangeKind.Hook);
}
