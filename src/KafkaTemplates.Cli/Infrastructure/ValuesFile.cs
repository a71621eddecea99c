using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// Reads a --values file: a YAML mapping of parameter: value. A repo's answers file is accepted too, so a team can
/// scaffold a sibling repo from the answers of an existing one. The file is untrusted input: the reader's limits apply.
/// </summary>
internal static class ValuesFile
{
    public static JsonObject Read(string path, string display)
    {
        if (!File.Exists(path)) throw new UsageException($"--values: the file '{display}' does not exist");
        YamlDocument doc;
        try
        {
            doc = YamlReader.ReadFile(path, display);
        }
        catch (YamlFormatException e)
        {
            throw new UsageException($"--values: {e.Message}");
        }
        return doc.Root switch
        {
            null => [],
            JsonObject o when Path.GetFileName(path) == AnswersFile.FileName && o["answers"] is JsonObject answers => answers,
            JsonObject o => o,
            _ => throw new UsageException($"--values: '{display}' must be a YAML mapping of parameter: value"),
        };
    }

}
