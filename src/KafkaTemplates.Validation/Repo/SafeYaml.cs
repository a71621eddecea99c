using KafkaTemplates.Engine.Yaml;
using YamlDotNet.Core;

namespace KafkaTemplates.Validation.Repo;

/// <summary>
/// Strict YAML reading for files users edit. YamlDotNet's scanner lets a few malformed inputs (an unclosed [ or {
/// running into the next line) escape as InvalidOperationException rather than a YAML error; those are turned into a
/// YamlFormatException at the last position the parser reached, so every unreadable file gets a location.
/// </summary>
public static class SafeYaml
{
    public static YamlDocument Read(string text, string file)
    {
        try
        {
            return StrictYamlReader.Read(text, file);
        }
        catch (InvalidOperationException)
        {
            throw new YamlFormatException(LastParsedPosition(text, file),
                "the YAML does not parse here; look for an unclosed [ or { or a missing quote");
        }
    }

    private static SourceMark LastParsedPosition(string text, string file)
    {
        var last = Mark.Empty;
        try
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext()) last = parser.Current!.End;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The position reached so far is what we want.
        }
        return new SourceMark(file, Math.Max(1, (int)last.Line), Math.Max(1, (int)last.Column));
    }
}
