using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Scaffolding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/catalog/entities/by-name/{kind}/{namespace}/{name}</c>: the one catalog call a scaffolder frontend
/// makes, for a template entity. Its spec is what <c>dry-run</c> expects back.
/// </summary>
internal static class CatalogEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/entities/by-name/{kind}/{namespace}/{name}", (string kind, string @namespace, string name, PortalCatalog catalog) =>
            JsonResponses.Json(TemplateJson.Entity(catalog.Find(new EntityRef(kind, @namespace, name)))));
}
