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

    /// <summary>Whether the value matches; a pattern that runs out of time counts as no match.</summary>
    public static bool Matches(string pattern, string value)
    {
        var regex = Cache.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, Timeout));
        try
        {
            return regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

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
