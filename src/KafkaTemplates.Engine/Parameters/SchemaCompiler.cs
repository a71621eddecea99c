using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// JSON Schema (draft-07, as Backstage uses) in one place: compiles schemas with one shared set of build options (a
/// registry per schema would set the meta-schemas up again for every parameter page, which dominated loading a
/// template), and evaluates JSON nodes against them. Answers and step inputs stay JSON nodes; the evaluator reads
/// them as a JsonElement written straight from the node, without a detour through JSON text.
/// </summary>
internal static class SchemaCompiler
{
    private static readonly SchemaRegistry Schemas = new();
    private static readonly Dialect Draft07 = YamlAware(Dialect.Draft07);

    /// <summary>
    /// For a schema that names no draft with <c>$schema</c> (every shipped template's): draft-07 is all it needs, and
    /// setting the other drafts up too was a tenth of a native <c>new</c>'s start-up.
    /// </summary>
    private static readonly BuildOptions Draft07Options = new()
    {
        Dialect = Draft07,
        DialectRegistry = Registry([Draft07]),
        SchemaRegistry = Schemas,
    };

    private static readonly Lazy<BuildOptions> EveryDraftOptions = new(() => new BuildOptions
    {
        Dialect = Draft07,
        DialectRegistry = Registry([Draft07, .. new[] { Dialect.Draft06, Dialect.Draft201909, Dialect.Draft202012, Dialect.V1 }.Select(YamlAware)]),
        SchemaRegistry = Schemas,
    });

    private static readonly Lock Gate = new();

    public static JsonSchema Compile(JsonNode schema) => Compile(Element(schema));

    /// <summary>Every rule the node breaks, as a list of evaluation details.</summary>
    public static EvaluationResults Evaluate(JsonSchema schema, JsonNode? node)
    {
        var element = Element(node);
        // The flag answer stops at the first failure and keeps no details: most nodes pass (every dry run's answers),
        // and only a failure needs the detailed list, which costs several times more.
        var flag = schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
        return flag.IsValid ? flag : schema.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>The dialect with <c>pattern</c> checked as YAML reads the value (see <see cref="YamlAwarePatternKeyword"/>).</summary>
    private static Dialect YamlAware(Dialect dialect) =>
        dialect.Without([Json.Schema.Keywords.PatternKeyword.Instance], dialect.Id).With([YamlAwarePatternKeyword.Instance], dialect.Id);

    /// <summary>
    /// The drafts a schema can name with <c>$schema</c>, each with the YAML-aware pattern. A draft not registered here
    /// would be taken from the library's global registry, without it.
    /// </summary>
    private static DialectRegistry Registry(IEnumerable<Dialect> dialects)
    {
        var registry = new DialectRegistry();
        foreach (var dialect in dialects) registry.Register(dialect);
        return registry;
    }

    /// <summary>Whether the schema, or any schema inside it, names its draft.</summary>
    private static bool NamesADraft(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.NameEquals("$schema") || NamesADraft(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Any(NamesADraft),
        _ => false,
    };

    private static JsonElement Element(JsonNode? node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (node is null) writer.WriteNullValue();
            else node.WriteTo(writer);
        }
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    public static JsonSchema Compile(JsonElement schema)
    {
        var element = schema.Clone();
        var options = NamesADraft(element) ? EveryDraftOptions.Value : Draft07Options;
        // The schema registry is shared; building registers the schema, so builds take turns.
        lock (Gate) return JsonSchema.Build(element, options);
    }
}
