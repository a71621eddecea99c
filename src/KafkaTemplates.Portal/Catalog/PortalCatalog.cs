using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Api;

namespace KafkaTemplates.Portal.Catalog;

/// <summary>
/// The templates this portal serves, loaded once at start. Every request names its template through here, so a
/// name that is not in the catalog gets 404 and nothing else (no path, no URL) can select a template.
/// </summary>
internal sealed class PortalCatalog
{
    private readonly Dictionary<string, TemplateDefinition> _templates;

    public PortalCatalog(TemplateCatalog catalog)
    {
        var entries = catalog.List();
        _templates = entries.Where(e => e.Template is not null)
            .GroupBy(e => e.Template!.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Template!, StringComparer.Ordinal);
        Broken = entries.Where(e => e.Error is not null).ToList();
    }

    /// <summary>Templates in name order.</summary>
    public IEnumerable<TemplateDefinition> Templates => _templates.Values.OrderBy(t => t.Id, StringComparer.Ordinal);

    /// <summary>Folders whose template.yaml did not load, with their problems, so authors can see why a template is missing.</summary>
    public IReadOnlyList<CatalogEntry> Broken { get; }

    public IReadOnlyCollection<string> Names => _templates.Keys;

    /// <summary>The template a reference names, or 404.</summary>
    public TemplateDefinition Find(EntityRef reference)
    {
        if (reference.IsTemplateInDefaultNamespace && _templates.TryGetValue(reference.Name, out var template)) return template;
        throw ApiException.NotFound(
            $"template '{reference}' is not in this portal's catalog; available: " +
            string.Join(", ", Templates.Select(t => EntityRef.ForTemplate(t.Id).ToString()).DefaultIfEmpty("(none)")));
    }

    public TemplateDefinition Find(string? templateRef)
    {
        if (!EntityRef.TryParse(templateRef, out var reference))
            throw ApiException.BadRequest($"templateRef '{templateRef}' is not an entity reference; write it as template:default/<name>");
        return Find(reference);
    }
}
