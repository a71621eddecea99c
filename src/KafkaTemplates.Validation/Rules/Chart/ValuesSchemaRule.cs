using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Chart;

/// <summary>
/// KT2006-KT2007: values.schema.json is a valid draft-7 schema, and values.yaml satisfies it. Each violation points at
/// the key or value in values.yaml, and is remembered so the Kafka rules do not report the same value again.
/// </summary>
internal sealed class ValuesSchemaRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values || context.Files.ReadText(RepoLayout.SchemaFile) is not { } text) return;
        if (Compile(context, text) is not var (schema, schemaTree)) return;

        using var instance = Instance(values.Document.Root ?? new JsonObject());
        // The flag answer is cheap; the detailed list (much slower) is only worth it for values that fail.
        if (schema.Evaluate(instance.RootElement, Options(OutputFormat.Flag)).IsValid) return;
        var result = schema.Evaluate(instance.RootElement, Options(OutputFormat.List));
        if (result.IsValid) return;

        var details = new[] { result }.Concat(result.Details ?? []).ToList();
        // A failure under a subschema that passed as a whole (inside `not`, or a losing anyOf branch) is no violation.
        var passed = details.Where(d => d.IsValid).Select(d => d.EvaluationPath.ToString()).ToHashSet(StringComparer.Ordinal);
        foreach (var detail in details.Where(d => !d.IsValid && !UnderPassingSchema(d.EvaluationPath.ToString(), passed)))
        {
            var pointer = detail.InstanceLocation.ToString();
            var evaluation = detail.EvaluationPath.ToString();
            if (detail.Errors is { Count: > 0 } errors)
            {
                foreach (var (keyword, message) in errors) Report(context, values, schemaTree, pointer, evaluation, keyword, message);
            }
            else if (!details.Any(d => !d.IsValid && d != detail && d.EvaluationPath.ToString().StartsWith(evaluation + "/", StringComparison.Ordinal)))
            {
                // A failed `not` (or another keyword without a message of its own) leaves an invalid node with no error.
                Report(context, values, schemaTree, pointer, evaluation, "not", "the schema does not allow this value");
            }
        }
    }

    /// <summary>The values as the evaluator reads them, written as UTF-8 straight from the nodes (no JSON text between).</summary>
    private static JsonDocument Instance(JsonNode root)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer)) root.WriteTo(writer);
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    private static EvaluationOptions Options(OutputFormat format)
    {
        var options = new EvaluationOptions { OutputFormat = format };
        options.IgnoreAllAnnotations();
        return options;
    }

    /// <summary>Compiled schemas by text: a repo validated again (the portal, a benchmark, an editor) reuses its schema.</summary>
    private static readonly ConcurrentDictionary<string, (JsonSchema Schema, JsonNode? Tree)> Compiled = new(StringComparer.Ordinal);

    private const int CompiledLimit = 32;

    private static bool UnderPassingSchema(string evaluationPath, HashSet<string> passed)
    {
        for (var cut = evaluationPath.LastIndexOf('/'); cut > 0; cut = evaluationPath.LastIndexOf('/', cut - 1))
            if (passed.Contains(evaluationPath[..cut])) return true;
        return false;
    }

    private static (JsonSchema, JsonNode?)? Compile(ValidationContext context, string text)
    {
        if (Compiled.TryGetValue(text, out var cached)) return cached;
        try
        {
            using var document = JsonDocument.Parse(text);
            // JSON is YAML: the strict reader keeps the line of every schema node for messages about the schema.
            var tree = YamlReader.Read(text, RepoLayout.SchemaFile).Root;
            var schema = JsonSchema.Build(document.RootElement.Clone(),
                new BuildOptions { Dialect = Dialect.Draft07, SchemaRegistry = new SchemaRegistry() });
            if (Compiled.Count >= CompiledLimit) Compiled.Clear();
            Compiled[text] = (schema, tree);
            return (schema, tree);
        }
        catch (JsonException e)
        {
            context.Report(DiagnosticCatalog.ValuesSchemaInvalid,
                new SourceMark(RepoLayout.SchemaFile, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1),
                $"values.schema.json is not valid JSON: {FirstSentence(e.Message)}");
        }
        catch (YamlFormatException e)
        {
            context.Report(DiagnosticCatalog.ValuesSchemaInvalid, e.Mark, $"values.schema.json is not valid JSON: {e.Problem}");
        }
        catch (Exception e) when (e is JsonSchemaException or ArgumentException or InvalidOperationException or FormatException)
        {
            context.Report(DiagnosticCatalog.ValuesSchemaInvalid, new SourceMark(RepoLayout.SchemaFile, 1, 1),
                $"values.schema.json is not a valid JSON Schema: {e.Message}");
        }
        return null;
    }

    private static void Report(ValidationContext context, ValuesDocument values, JsonNode? schemaTree, string pointer,
        string evaluation, string keyword, string message)
    {
        var path = ValuesDocument.DottedPath(pointer);
        var value = values.Resolve(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(ValuesDocument.Unescape));
        var subschema = Resolve(schemaTree, evaluation);
        // A subschema may be a boolean (additionalProperties: false), which has no description.
        var description = (subschema as JsonObject)?["description"]?.ToString() is { Length: > 0 } d ? $" ({d})" : "";
        switch (keyword)
        {
            case "required":
                var missing = MissingNames(message);
                foreach (var name in missing) context.RejectedBySchema(pointer.Length == 0 ? name : path + "." + name);
                context.Report(DiagnosticCatalog.ValuesSchemaViolation, values.MarkOfPointer(pointer),
                    $"{path} lacks the required setting{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing)}; add {(missing.Count == 1 ? "it" : "them")} (see the template's values.yaml)");
                return;
            case "" or "false" or "additionalProperties":
                context.RejectedBySchema(path);
                var key = ValuesDocument.Unescape(pointer[(pointer.LastIndexOf('/') + 1)..]);
                var parent = pointer.LastIndexOf('/') > 0 ? ValuesDocument.DottedPath(pointer[..pointer.LastIndexOf('/')]) : "the top level";
                context.Report(DiagnosticCatalog.ValuesSchemaViolation, values.KeyMarkOfPointer(pointer),
                    $"'{key}' is not a setting of this chart under {parent} (values.schema.json does not allow it); check its spelling and indentation");
                return;
        }
        context.RejectedBySchema(path);
        var shown = value?.ToJsonString() ?? "null";
        var text = keyword switch
        {
            "pattern" => $"{path} is {shown}, which does not match {subschema?["pattern"]}{description}",
            "enum" => $"{path} is {shown}; allowed values: {string.Join(", ", (subschema?["enum"] as JsonArray ?? []).Select(e => e?.ToJsonString() ?? "null"))}",
            "not" => $"{path} is {shown}, which the schema does not allow{description}",
            "type" => $"{path} is {shown}: {message}",
            _ => $"{path} is {shown}: {message}{description}",
        };
        context.Report(DiagnosticCatalog.ValuesSchemaViolation, values.MarkOfPointer(pointer), text);
    }

    /// <summary>JsonSchema.Net words a `required` failure as: Required properties ["a","b"] are not present.</summary>
    private static List<string> MissingNames(string message)
    {
        var open = message.IndexOf('[', StringComparison.Ordinal);
        var close = message.LastIndexOf(']');
        if (open < 0 || close < open) return [message];
        try
        {
            return JsonNode.Parse(message[open..(close + 1)]) is JsonArray names && names.All(n => n?.GetValueKind() == JsonValueKind.String)
                ? [.. names.Select(n => n!.GetValue<string>())]
                : [message];
        }
        catch (JsonException)
        {
            return [message];
        }
    }

    private static JsonNode? Resolve(JsonNode? schema, string evaluationPath) =>
        ValuesDocument.Resolve(schema, evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(ValuesDocument.Unescape));

    private static string FirstSentence(string message)
    {
        foreach (var tail in new[] { " Path:", " LineNumber:" })
        {
            var i = message.IndexOf(tail, StringComparison.Ordinal);
            if (i > 0) message = message[..i];
        }
        return message.TrimEnd();
    }
}
