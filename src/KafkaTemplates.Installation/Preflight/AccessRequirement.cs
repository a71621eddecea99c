namespace KafkaTemplates.Installation.Preflight;

/// <summary>One permission the install needs, and why: verb on group/resource, in a namespace or cluster-wide.</summary>
internal sealed record AccessRequirement(string Verb, string Group, string Resource, string? Namespace, string Why)
{
    public string QualifiedResource => Group.Length == 0 ? Resource : $"{Resource}.{Group}";

    public string Scope => Namespace is null ? "cluster-wide" : $"in namespace {Namespace}";
}
