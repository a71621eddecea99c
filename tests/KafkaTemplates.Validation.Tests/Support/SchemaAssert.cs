using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Validation.Tests.Support;

/// <summary>Checks a JSON document against a schema kept under Schemas/, failing with every violation listed.</summary>
public static class SchemaAssert
{
    public static void Valid(string schemaFile, string json)
    {
        var schemaNode = JsonNode.Parse(File.ReadAllText(RepoRoot.Combine("tests", "KafkaTemplates.Validation.Tests", "Schemas", schemaFile)))!.AsObject();
        // JsonSchema.Net has no draft-04 dialect. The SARIF schema uses only keywords that draft 7 reads the same way
        // (no boolean exclusiveMinimum), so it is evaluated as draft 7 with its draft-04 marker set aside.
        if (schemaNode["$schema"]?.ToString() == "http://json-schema.org/draft-04/schema#") schemaNode.Remove("$schema");
        using var schemaDocument = JsonDocument.Parse(schemaNode.ToJsonString());
        var schema = JsonSchema.Build(schemaDocument.RootElement.Clone(),
            new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() });
        using var instance = JsonDocument.Parse(json);
        var result = schema.Evaluate(instance.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        var problems = new[] { result }.Concat(result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
        Assert.True(result.IsValid, $"not valid against {schemaFile}:\n" + string.Join("\n", problems));
    }
}
