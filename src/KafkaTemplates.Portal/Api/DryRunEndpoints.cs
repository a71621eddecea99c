using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Scaffolding;
using KafkaTemplates.UseCases.Create;
using KafkaTemplates.UseCases.Validate;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>POST /api/scaffolder/v2/dry-run</c>: Backstage's request <c>{ template, values, secrets, directoryContents }</c>
/// and response <c>{ log, directoryContents, output, steps }</c>, plus <c>diagnostics</c>: the file checks of the
/// rendered repo, run on the files in memory (the JSON of <c>kafka-templates validate</c>). The template must be one of the catalog's, posted as
/// published (its entity from <c>/api/catalog/entities/by-name/...</c>): the portal runs no template a client wrote.
/// </summary>
internal static class DryRunEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/v2/dry-run", async (HttpContext context, PortalCatalog catalog, CreateRepo create, DryRunSlots slots) =>
        {
            var body = await JsonBody.ReadObjectAsync(context.Request);
            var template = CatalogTemplate(body, catalog);
            if (body["directoryContents"] is JsonArray { Count: > 0 })
                throw ApiException.BadRequest("directoryContents is not supported: the portal dry-runs catalog templates with their own skeleton files; send an empty list");
            var answers = AnswerRequest.Bind(template, body);

            using var slot = await slots.TakeAsync(context.RequestAborted);
            var log = new List<JsonObject>();
            var runLog = new RunLog(log.Add, answers.SecretValues);
            CreateRepoResult result;
            try
            {
                // Rendered and checked in memory: the files checks need no folder, and nothing is written.
                result = await create.RunAsync(new CreateRepoRequest
                {
                    Template = template,
                    Answers = answers,
                    DryRun = true,
                    Validation = ValidationDepth.Files,
                    KnownTemplates = catalog.Names,
                }, new DryRunObserver(runLog), context.RequestAborted);
            }
            catch (Exception e) when (e is ScaffoldException or RenderException or UnsafePathException)
            {
                throw ApiException.BadRequest("the template failed: " + runLog.Redact(e.Message));
            }
            var rendered = result.Rendered;
            var diagnostics = result.Validation is { } report ? RepoDiagnostics.ToJson(report)
                : result.ValidationFailure is { } failure ? new JsonObject { ["error"] = runLog.Redact(failure.Message) } : null;

            // Backstage's answer, with every file base64-encoded straight from its bytes into the response.
            return JsonResponses.Streamed(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("log");
                foreach (var entry in log)
                {
                    writer.WriteStartObject();
                    writer.WritePropertyName("body");
                    JsonResponses.Write(writer, entry);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteStartArray("directoryContents");
                foreach (var file in rendered.Files)
                {
                    writer.WriteStartObject();
                    writer.WriteString("path", file.Path);
                    writer.WriteBoolean("executable", file.Mode == RepoFileMode.Executable);
                    writer.WriteBase64String("base64Content", file.Content.Span);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WritePropertyName("output");
                JsonResponses.Write(writer, rendered.Output);
                writer.WritePropertyName("steps");
                JsonResponses.Write(writer, TemplateJson.Steps(template));
                writer.WritePropertyName("diagnostics");
                JsonResponses.Write(writer, diagnostics);
                writer.WriteEndObject();
            });
        });

    private sealed class DryRunObserver(RunLog log) : ICreateRepoObserver
    {
        public IScaffoldLog Log => log;

        public void Rendered(ScaffoldResult result) => log.Finish(result.Steps);
    }

    private static TemplateDefinition CatalogTemplate(JsonObject body, PortalCatalog catalog)
    {
        if (body["template"] is not JsonObject posted || posted["kind"]?.ToString() != "Template" || posted["spec"] is not JsonObject)
            throw ApiException.BadRequest("'template' must be a template entity: an object with apiVersion, kind: Template, metadata and spec");
        if (posted["metadata"]?["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
            throw ApiException.BadRequest("'template.metadata.name' must name a template of the catalog");
        var template = catalog.Find(EntityRef.ForTemplate(name));
        if (JsonDifference.Find(template.Document["spec"], posted["spec"], "spec") is { } difference)
            throw ApiException.BadRequest(
                $"the posted template differs from the catalog's '{name}' at {difference}; the portal dry-runs catalog templates as published " +
                $"(GET /api/catalog/entities/by-name/template/default/{name}), so change template.yaml in the catalog instead");
        return template;
    }
}
