using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Rendering.Filters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/scaffolder/v2/templating-extensions</c>: Backstage's ListTemplatingExtensionsResponse,
/// <c>{ filters: { name: { description, schema: { input, arguments, output }, examples } }, globals: { functions, values } }</c>.
/// As in Backstage it lists the filters the scaffolder adds to Nunjucks (Nunjucks' own are documented by Nunjucks);
/// the engine adds no globals. Each listed filter is one the engine really runs: a name it does not know fails the call.
/// </summary>
internal static class TemplatingExtensionEndpoints
{
    private static JsonObject Str(string? description = null) => description is null
        ? new JsonObject { ["type"] = "string" }
        : new JsonObject { ["type"] = "string", ["description"] = description };

    private static JsonObject Example(string description, string example, string notes = "") =>
        new() { ["description"] = description, ["example"] = example, ["notes"] = notes };

    private static readonly (string Name, Func<JsonObject> Describe)[] Filters =
    [
        ("parseRepoUrl", () => new JsonObject
        {
            ["description"] = "Parses a repository URL of the RepoUrlPicker (host?owner=...&repo=...) into its parts.",
            ["schema"] = new JsonObject
            {
                ["input"] = Str("host?owner=...&repo=..."),
                ["output"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("host", "repo"),
                    ["properties"] = new JsonObject
                    {
                        ["host"] = Str(), ["owner"] = Str(), ["organization"] = Str(), ["workspace"] = Str(), ["project"] = Str(), ["repo"] = Str(),
                    },
                },
            },
            ["examples"] = new JsonArray(Example("Owner and repo of the chosen repository", "${{ parameters.repoUrl | parseRepoUrl }}")),
        }),
        ("projectSlug", () => new JsonObject
        {
            ["description"] = "The owner/repo slug of a repository URL of the RepoUrlPicker.",
            ["schema"] = new JsonObject { ["input"] = Str("host?owner=...&repo=..."), ["output"] = Str("owner/repo") },
            ["examples"] = new JsonArray(Example("The slug of the chosen repository", "${{ parameters.repoUrl | projectSlug }}")),
        }),
        ("pick", () => new JsonObject
        {
            ["description"] = "One property of an object.",
            ["schema"] = new JsonObject
            {
                ["input"] = new JsonObject { ["type"] = "object" },
                ["arguments"] = new JsonArray(Str("the property's name")),
                ["output"] = new JsonObject(),
            },
            ["examples"] = new JsonArray(Example("The name of the owner entity", "${{ parameters.owner | parseEntityRef | pick('name') }}")),
        }),
        ("parseEntityRef", () => new JsonObject
        {
            ["description"] = "Parses an entity reference ([kind:][namespace/]name) into kind, namespace and name.",
            ["schema"] = new JsonObject
            {
                ["input"] = Str("an entity reference"),
                ["arguments"] = new JsonArray(new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "defaults for a reference that leaves them out",
                    ["properties"] = new JsonObject { ["defaultKind"] = Str(), ["defaultNamespace"] = Str() },
                }),
                ["output"] = new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("kind", "namespace", "name"),
                    ["properties"] = new JsonObject { ["kind"] = Str(), ["namespace"] = Str(), ["name"] = Str() },
                },
            },
            ["examples"] = new JsonArray(Example("The kind of the owner entity", "${{ parameters.owner | parseEntityRef({ defaultKind: 'group' }) | pick('kind') }}")),
        }),
    ];

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/v2/templating-extensions", () =>
        {
            var filters = new JsonObject();
            foreach (var (name, describe) in Filters)
            {
                if (!FilterRegistry.IsKnown(name)) throw new InvalidOperationException($"the engine no longer has the filter {name} the portal lists");
                filters[name] = describe();
            }
            return JsonResponses.Json(new JsonObject
            {
                ["filters"] = filters,
                ["globals"] = new JsonObject { ["functions"] = new JsonObject(), ["values"] = new JsonObject() },
            });
        });
}
