using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>Parts of a template document in the shapes Backstage's endpoints return them.</summary>
internal static class TemplateJson
{
    private static JsonObject Spec(TemplateDefinition template) => template.Document["spec"] as JsonObject ?? [];

    /// <summary><c>spec.parameters</c> as a list of page schemas (a single object is one page).</summary>
    public static IReadOnlyList<JsonObject> ParameterPages(TemplateDefinition template) => Spec(template)["parameters"] switch
    {
        JsonArray pages => pages.OfType<JsonObject>().Select(p => (JsonObject)p.DeepClone()).ToList(),
        JsonObject page => [(JsonObject)page.DeepClone()],
        _ => [],
    };

    /// <summary>The steps with Backstage's defaults: id <c>step-N</c> and the action as the name.</summary>
    public static JsonArray Steps(TemplateDefinition template)
    {
        var steps = new JsonArray();
        var index = 0;
        foreach (var node in Spec(template)["steps"] as JsonArray ?? [])
        {
            index++;
            if (node is not JsonObject step) continue;
            var copy = (JsonObject)step.DeepClone();
            copy["id"] ??= $"step-{index}";
            copy["name"] ??= copy["action"]?.DeepClone();
            steps.Add((JsonNode)copy);
        }
        return steps;
    }

    public static JsonObject Output(TemplateDefinition template) => Spec(template)["output"]?.DeepClone() as JsonObject ?? [];

    public static JsonObject Metadata(TemplateDefinition template) => template.Document["metadata"]?.DeepClone() as JsonObject ?? [];

    /// <summary>The template as a catalog entity, with the namespace Backstage always fills in.</summary>
    public static JsonObject Entity(TemplateDefinition template)
    {
        var entity = (JsonObject)template.Document.DeepClone();
        if (entity["metadata"] is JsonObject metadata) metadata["namespace"] ??= "default";
        return entity;
    }
}
