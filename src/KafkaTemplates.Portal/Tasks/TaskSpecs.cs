using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Scaffolding;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Backstage's TaskSpec (v1beta3) for a task: <c>{ apiVersion, steps, output, parameters, user, templateInfo }</c>.
/// <c>parameters</c> holds the answers after defaults, without the secret ones: this is what the database stores.
/// </summary>
internal static class TaskSpecs
{
    public static JsonObject Build(TemplateDefinition template, AnswerSet answers, string? createdBy = null) => new()
    {
        ["apiVersion"] = TemplateDefinition.ApiVersion,
        ["steps"] = TemplateJson.Steps(template),
        ["output"] = TemplateJson.Output(template),
        ["parameters"] = answers.ToJson(includeSecrets: false),
        ["user"] = createdBy is null ? new JsonObject() : new JsonObject { ["ref"] = createdBy },
        ["templateInfo"] = new JsonObject
        {
            ["entityRef"] = EntityRef.ForTemplate(template.Id).ToString(),
            ["entity"] = new JsonObject { ["metadata"] = TemplateJson.Metadata(template) },
        },
    };
}
