namespace KafkaTemplates.Portal.Catalog;

/// <summary>
/// A Backstage entity reference, <c>[kind:][namespace/]name</c>, as in <c>template:default/hypertrace-kafka</c>.
/// Kind and namespace default to <c>template</c> and <c>default</c>, as Backstage's parseEntityRef does for templates.
/// </summary>
internal sealed record EntityRef(string Kind, string Namespace, string Name)
{
    public const string TemplateKind = "template";
    public const string DefaultNamespace = "default";

    public static EntityRef ForTemplate(string name) => new(TemplateKind, DefaultNamespace, name);

    public static bool TryParse(string? text, out EntityRef reference)
    {
        reference = ForTemplate("");
        if (string.IsNullOrWhiteSpace(text)) return false;
        var kind = TemplateKind;
        var rest = text.Trim();
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            kind = rest[..colon];
            rest = rest[(colon + 1)..];
        }
        var ns = DefaultNamespace;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            ns = rest[..slash];
            rest = rest[(slash + 1)..];
        }
        if (kind.Length == 0 || ns.Length == 0 || rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) || rest.Contains(':', StringComparison.Ordinal))
            return false;
        reference = new EntityRef(kind, ns, rest);
        return true;
    }

    /// <summary>Kinds and namespaces compare without case, as in Backstage; names are exact.</summary>
    public bool IsTemplateInDefaultNamespace =>
        Kind.Equals(TemplateKind, StringComparison.OrdinalIgnoreCase) && Namespace.Equals(DefaultNamespace, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Kind.ToLowerInvariant()}:{Namespace.ToLowerInvariant()}/{Name}";
}
