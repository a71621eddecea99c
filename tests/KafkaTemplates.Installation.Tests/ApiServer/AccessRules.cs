namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>RBAC of the emulated server's one user: everything is allowed except what a test denies.</summary>
public sealed class AccessRules
{
    private readonly List<(string Verb, string Group, string Resource, string? Namespace)> _denied = [];

    /// <summary>Denies a verb on a resource, in one namespace or (null) everywhere.</summary>
    public AccessRules Deny(string verb, string group, string resource, string? ns = null)
    {
        lock (_denied) _denied.Add((verb, group, resource, ns));
        return this;
    }

    public bool Allows(string verb, string group, string resource, string? ns)
    {
        lock (_denied) return !_denied.Any(d => d.Verb == verb && d.Group == group && d.Resource == resource && (d.Namespace is null || d.Namespace == ns));
    }
}
