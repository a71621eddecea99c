using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Ci;

/// <summary>Reading CI files: a file that does not parse is a finding (KT7001), not a reason to stop validating.</summary>
internal static class CiYaml
{
    public static YamlDocument? Read(ValidationContext context, string file)
    {
        try
        {
            return context.Files.ReadYaml(file);
        }
        catch (YamlFormatException e)
        {
            context.Report(DiagnosticCatalog.CiFileUnparsable, e.Mark, $"{file} is not valid YAML: {e.Problem}");
            return null;
        }
    }

    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
