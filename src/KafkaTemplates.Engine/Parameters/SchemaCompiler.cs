using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Compiles JSON Schemas (draft-07, as Backstage uses) with one shared set of build options. A registry per schema
/// would set the meta-schemas up again for every parameter page, which dominated loading a template.
/// </summary>
internal static class SchemaCompiler
{
    private static readonly BuildOptions Options = new() { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() };
    private static readonly Lock Gate = new();

    public static JsonSchema Compile(JsonNode schema)
    {
        using var document = JsonDocument.Parse(schema.ToJsonString());
        return Compile(document.RootElement);
    }

    public static JsonSchema Compile(JsonElement schema)
    {
        var element = schema.Clone();
        // The registry is shared; building registers the schema, so builds take turns.
        lock (Gate) return JsonSchema.Build(element, Options);
    }
}
