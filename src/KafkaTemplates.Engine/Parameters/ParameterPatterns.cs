using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Parameters;

/// <summary>
/// Every <c>pattern</c> of a schema, checked here rather than by the JSON Schema library (see
/// <see cref="YamlAwarePatternKeyword"/>): it compiles every pattern to IL before first use (tens of milliseconds a
/// template, most of a CLI run), with no time limit, and matches the value as JSON holds it, not as YAML will read
/// it. These regexes are interpreted, cached, and stopped after a second, so a template cannot stall a check.
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
        var regex = Compile(pattern);
        try
        {
            return regex.IsMatch(value) && (YamlOnlyLineBreak(value) is null || regex.IsMatch(AsYamlReadsIt(value)));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The pattern as it is matched: interpreted, cached, with its time limit. Throws ArgumentException when it is no regex.</summary>
    public static Regex Compile(string pattern) => Cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, Timeout));

    /// <summary>What a message about a value that breaks its pattern adds when YAML would read a line break into it.</summary>
    public static string LineBreakNote(string value) =>
        YamlOnlyLineBreak(value) is { } lineBreak ? $"; it holds U+{(int)lineBreak:X4}, which YAML reads as a line break" : "";

    /// <summary>The first character of the value that only YAML reads as a line break, if any.</summary>
    public static char? YamlOnlyLineBreak(string value) =>
        value.AsSpan().IndexOfAny(YamlOnlyLineBreaks) is var at and >= 0 ? value[at] : null;

    private static string AsYamlReadsIt(string value) => value.Replace('\u0085', '\n').Replace('\u2028', '\n').Replace('\u2029', '\n');
}
