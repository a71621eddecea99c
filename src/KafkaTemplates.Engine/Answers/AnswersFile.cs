using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Answers;

/// <summary>
/// The record every generated repo carries of how it was made: template id, version and source, and the non-secret
/// answers. <c>diff</c> and <c>upgrade</c> re-render from it. Its bytes depend only on those facts, so every front door
/// writes the same file: strings are always double-quoted, and answers follow the template's parameter order.
/// </summary>
public sealed record AnswersFile(string Template, SemanticVersion Version, TemplateSource Source, JsonObject Answers)
{
    public const string FileName = ".kafka-templates.yaml";

    public const string Header =
        "# Written by kafka-templates when this repo was generated. `kafka-templates diff` and `upgrade` read it to\n" +
        "# re-render the template; change answers with `kafka-templates upgrade --set name=value`.\n";

    public static AnswersFile Create(TemplateDefinition template, AnswerSet answers) =>
        new(template.Id, template.Version, template.Source, answers.ToJson(includeSecrets: false));

    public string Write() =>
        Compose(Template, Version.ToString(), Source.ToString(), Answers.Select(a => (a.Key, FormatValue(a.Value))));

    /// <summary>
    /// The file's text from already formatted answer values. The dotnet-new export uses it with placeholders in place
    /// of values, so the file dotnet new writes is byte for byte the one the engine writes.
    /// </summary>
    public static string Compose(string template, string version, string source, IEnumerable<(string Name, string FormattedValue)> answers)
    {
        var sb = new StringBuilder(Header);
        sb.Append("template: ").Append(YamlWriter.Quote(template)).Append('\n');
        sb.Append("version: ").Append(YamlWriter.Quote(version)).Append('\n');
        sb.Append("source: ").Append(YamlWriter.Quote(source)).Append('\n');
        var lines = answers.ToList();
        if (lines.Count == 0) return sb.Append("answers: {}\n").ToString();
        sb.Append("answers:\n");
        foreach (var (name, value) in lines) sb.Append("  ").Append(YamlWriter.String(name)).Append(": ").Append(value).Append('\n');
        return sb.ToString();
    }

    /// <summary>One answer on one line: quoted strings, bare numbers and booleans, JSON for lists and objects.</summary>
    public static string FormatValue(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => YamlWriter.Quote(v.ToString()),
        _ => value.ToJsonString(),
    };

    public static AnswersFile Read(string path) => Parse(BoundedFile.ReadText(path, path), path);

    public static AnswersFile Parse(string text, string file) => From(YamlReader.Read(text, file));

    /// <summary>The record in an answers file already read (validation reads it once for every check).</summary>
    /// <exception cref="YamlFormatException">A field is missing or of the wrong kind; the mark says where.</exception>
    public static AnswersFile From(YamlDocument doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        if (doc.Root is not JsonObject root)
            throw new YamlFormatException(doc.MarkOf(doc.Root), "the answers file must be a mapping with template, version, source and answers");
        string Required(string key)
        {
            if (root[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0) return s;
            throw new YamlFormatException(doc.MarkOf(root[key] ?? root), $"'{key}' is missing or not text");
        }
        var template = Required("template");
        var versionText = Required("version");
        if (!SemanticVersion.TryParse(versionText, out var version))
            throw new YamlFormatException(doc.MarkOf(root["version"]), $"'{versionText}' is not a SemVer version");
        TemplateSource source;
        try { source = TemplateSource.Parse(Required("source")); }
        catch (FormatException e) { throw new YamlFormatException(doc.MarkOf(root["source"]), e.Message); }
        var answers = root["answers"] switch
        {
            null => new JsonObject(),
            JsonObject o => (JsonObject)o.DeepClone(),
            var other => throw new YamlFormatException(doc.MarkOf(other), "'answers' must be a mapping of parameter: value"),
        };
        return new AnswersFile(template, version, source, answers);
    }
}
