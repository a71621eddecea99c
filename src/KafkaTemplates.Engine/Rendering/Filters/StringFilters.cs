using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>Nunjucks' string filters, with its handling of null (treated as the empty string).</summary>
internal static class StringFilters
{
    public static void Register(Dictionary<string, Filter> f)
    {
        f["lower"] = (_, v, _) => Text(v).ToLowerInvariant();
        f["upper"] = (_, v, _) => Text(v).ToUpperInvariant();
        f["capitalize"] = (_, v, _) => Capitalize(Text(v));
        f["title"] = (_, v, _) => string.Join(' ', Text(v).Split(' ').Select(Capitalize));
        f["trim"] = (_, v, _) => Text(v).Trim();
        f["replace"] = Replace;
        f["indent"] = Indent;
        f["truncate"] = Truncate;
        f["urlencode"] = (_, v, _) => Uri.EscapeDataString(Text(v));
        f["wordcount"] = (_, v, _) => (long)Text(v).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        f["nl2br"] = (c, v, _) => c.Bounded(Text(v).Replace("\r\n", "<br />\n").Replace("\n", "<br />\n"));
        f["striptags"] = (c, v, _) => c.Regex("<[^>]*>", RegexOptions.None).Replace(Text(v), "").Trim();
    }

    internal static string Text(object? v) => IsNullish(v) ? "" : ToJsString(v);

    private static string Capitalize(string s) =>
        s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static object? Replace(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var input = Text(value);
        var replacement = Text(FilterRegistry.Arg(args, 1));
        var max = FilterRegistry.Arg(args, 2) is var m && !IsNullish(m) ? (long)ToNumber(m) : -1;
        if (FilterRegistry.Arg(args, 0) is JsRegex pattern)
        {
            var regex = c.Regex(pattern.Pattern, pattern.Options);
            var replaced = pattern.Global
                ? regex.Replace(input, JsReplacement(replacement))
                : regex.Replace(input, JsReplacement(replacement), 1);
            return c.Bounded(replaced);
        }
        var old = Text(FilterRegistry.Arg(args, 0));
        if (old.Length == 0)
        {
            // Nunjucks inserts the replacement between every character when the search string is empty.
            var sb = new StringBuilder(replacement);
            foreach (var ch in input) sb.Append(ch).Append(replacement);
            return c.Bounded(sb.ToString());
        }
        var result = new StringBuilder();
        var index = 0;
        var count = 0;
        while (true)
        {
            var found = input.IndexOf(old, index, StringComparison.Ordinal);
            if (found < 0 || (max >= 0 && count >= max)) break;
            result.Append(input, index, found - index).Append(replacement);
            if (result.Length > c.Limits.MaxOutputChars) c.Bounded(result.ToString());
            index = found + old.Length;
            count++;
        }
        result.Append(input, index, input.Length - index);
        return c.Bounded(result.ToString());
    }

    private static string JsReplacement(string replacement) => replacement.Replace("$&", "$0");

    private static object? Indent(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var width = IsNullish(FilterRegistry.Arg(args, 0)) ? 2 : (int)ToNumber(FilterRegistry.Arg(args, 0));
        var first = Truthy(FilterRegistry.Arg(args, 1));
        var pad = new string(' ', Math.Clamp(width, 0, 1000));
        var lines = Text(value).Split('\n');
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            if ((i > 0 || first) && lines[i].Length > 0) sb.Append(pad);
            sb.Append(lines[i]);
        }
        return c.Bounded(sb.ToString());
    }

    private static object? Truncate(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var s = Text(value);
        var length = IsNullish(FilterRegistry.Arg(args, 0)) ? 255 : (int)ToNumber(FilterRegistry.Arg(args, 0));
        var killWords = Truthy(FilterRegistry.Arg(args, 1));
        var end = IsNullish(FilterRegistry.Arg(args, 2)) ? "..." : Text(FilterRegistry.Arg(args, 2));
        if (s.Length <= length) return s;
        if (killWords) return s[..length] + end;
        var cut = s.LastIndexOf(' ', Math.Max(0, length));
        return (cut <= 0 ? s[..length] : s[..cut]) + end;
    }

    internal static string Invariant(double d) => d.ToString(CultureInfo.InvariantCulture);
}
