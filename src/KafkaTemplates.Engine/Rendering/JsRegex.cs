using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>A Nunjucks regex literal (<c>r/pattern/flags</c>). It is compiled with the sandbox's timeout when used.</summary>
public sealed record JsRegex(string Pattern, string Flags)
{
    public bool Global => Flags.Contains('g');

    public RegexOptions Options =>
        (Flags.Contains('i') ? RegexOptions.IgnoreCase : RegexOptions.None)
        | (Flags.Contains('m') ? RegexOptions.Multiline : RegexOptions.None);

    /// <summary>nunjitsu's spelling: an empty pattern as (?:), line breaks escaped, flags in the order gimy.</summary>
    public override string ToString()
    {
        var source = Pattern.Length == 0 ? "(?:)"
            : Pattern.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
        return "/" + source + "/" + string.Concat("gimy".Where(Flags.Contains));
    }
}
