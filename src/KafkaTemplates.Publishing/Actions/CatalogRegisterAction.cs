using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Actions.Builtin;
using KafkaTemplates.Publishing.Hosts.Catalog;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Actions;

/// <summary>
/// Backstage's <c>catalog:register</c>: registers <c>catalogInfoUrl</c> (or <c>repoContentsUrl</c> +
/// <c>catalogInfoPath</c>) as a url location in the configured catalog and outputs the <c>entityRef</c> of the
/// entity it holds (the first Component, as Backstage picks). With <c>optional: true</c> a failure is logged, not fatal.
/// </summary>
internal sealed class CatalogRegisterAction(PublishSettings settings) : IScaffolderAction
{
    public string Id => "catalog:register";

    public string Description => "Registers the new repo's catalog-info.yaml in the Backstage catalog.";

    public JsonObject InputSchema => Schema.Value;

    public bool ChangesTheWorld => true;

    public JsonObject OutputSchema => PublishStep.Outputs("""
        {
          "entityRef": { "type": "string", "description": "The entity the location holds, such as component:default/payments" },
          "catalogInfoUrl": { "type": "string", "description": "The URL registered" }
        }
        """);

    private static readonly Lazy<JsonObject> Schema = new(() => ActionSchemas.Object("""
        {
          "catalogInfoUrl": { "type": "string", "description": "An absolute URL to the catalog-info.yaml to register" },
          "repoContentsUrl": { "type": "string", "description": "An absolute URL to the root of a repository (a publish step's output)" },
          "catalogInfoPath": { "type": "string", "description": "The path of catalog-info.yaml in that repository", "default": "/catalog-info.yaml" },
          "optional": { "type": "boolean", "description": "Log a failure instead of failing the task", "default": false }
        }
        """));

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var log = PublishStep.Log(context);
        var target = context.GetString("catalogInfoUrl") is { Length: > 0 } url ? url
            : context.GetString("repoContentsUrl") is { Length: > 0 } contents
                ? contents.TrimEnd('/') + "/" + (context.GetString("catalogInfoPath") ?? "/catalog-info.yaml").TrimStart('/')
                : throw new ActionException(context.StepId, "give either 'catalogInfoUrl', or 'repoContentsUrl' (and 'catalogInfoPath')");
        var optional = context.GetBool("optional");
        try
        {
            var catalog = settings.Catalog
                ?? throw new PublishException($"no catalog is configured: set {PublishSettings.CatalogUrlVariable} to the Backstage backend's URL");
            var client = new CatalogClient(catalog, settings.Retry);
            var added = await client.AddLocationAsync(target, log, cancellationToken);
            log(added ? $"registered {target}" : $"{target} was registered already");
            context.Output("catalogInfoUrl", target);
            var entities = await client.EntitiesAsync(target, log, cancellationToken);
            var named = entities.Where(e => e["metadata"]?["name"]?.GetValue<string>() is { } n && !n.StartsWith("generated-", StringComparison.Ordinal)).ToList();
            var entity = named.FirstOrDefault(e => e["kind"]?.GetValue<string>() == "Component") ?? (named.Count > 0 ? named[0] : entities.Count > 0 ? entities[0] : null);
            if (entity is not null)
            {
                var entityRef = EntityRef(entity);
                context.Output("entityRef", entityRef);
                log($"the location holds {entityRef}");
            }
        }
        catch (PublishException e) when (optional)
        {
            context.Log.Write(Engine.Steps.ScaffoldLogLevel.Warning, context.StepId, $"not registered (optional): {e.Message}");
        }
        catch (PublishException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
    }

    /// <summary>Backstage's stringifyEntityRef: kind:namespace/name, the kind lower-cased, the namespace default when none.</summary>
    private static string EntityRef(JsonObject entity) =>
        $"{(entity["kind"]?.GetValue<string>() ?? "component").ToLowerInvariant()}:{entity["metadata"]?["namespace"]?.GetValue<string>() ?? "default"}/{entity["metadata"]?["name"]?.GetValue<string>()}";
}
