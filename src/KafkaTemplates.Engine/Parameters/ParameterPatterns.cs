using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// The <c>pattern</c> of each parameter, checked here rather than by the JSON Schema library: it compiles every
/// pattern to IL before first use (tens of milliseconds a template, most of a CLI run), and with no time limit.
/// These regexes are interpreted, cached, and stopped after a second, so a template cannot stall a check.
/// </summary>
internal static class ParameterPatterns
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    // YAML readers end a line at NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as well as at \n and \r.
    private static readonly System.Buffers.SearchValues<char> YamlOnlyLineBreaks = System.Buffers.SearchValues.Create("\u0085\u2028\u2029");

    /// <summary>
    /// Whether the value matches; a pattern that runs out of time counts as no match. Answers end up in YAML files,
    /// so a value must also match as YAML reads it: with its YAML-only line breaks seen as <c>\n</c>. A pattern that
    /// keeps a value on one line (refusing control characters) thereby keeps those breaks out too.
    /// </summary>
    public static bool Matches(string pattern, string value)
    {
        var regex = Cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, Timeout));
        try
        {
            return regex.IsMatch(value) && (YamlOnlyLineBreak(value) is null || regex.IsMatch(AsYamlReadsIt(value)));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The first character of the value that only YAML reads as a line break, if any.</summary>
    public static char? YamlOnlyLineBreak(string value) =>
        value.AsSpan().IndexOfAny(YamlOnlyLineBreaks) is var at and >= 0 ? value[at] : null;

    private static string AsYamlReadsIt(string value) => value.Replace('\u0085', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n');

    /// <summary>The page as the schema library sees it: the parameters' own patterns are left to <see cref="Matches"/>.</summary>
    public static JsonObject WithoutParameterPatterns(JsonObject page)
    {
        var copy = (JsonObject)page.DeepClone();
        if (copy["properties"] is JsonObject properties)
            foreach (var (_, schema) in properties)
                (schema as JsonObject)?.Remove("pattern");
        return copy;
    }
}
