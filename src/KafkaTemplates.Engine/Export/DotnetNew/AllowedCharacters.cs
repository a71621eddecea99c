using System.Globalization;
using System.Text;

namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>
/// dotnet new cannot check a parameter's pattern, so the export cleans each value instead: it derives from the
/// pattern the set of characters a valid value can contain and drops every other one. A valid value is never
/// changed (so dotnet new and the engine agree), and a hostile one loses the characters that could break the output.
/// </summary>
internal sealed class AllowedCharacters
{
    /// <summary>
    /// Characters no answer may carry into a generated file under any front door: quotes and backslashes (they end
    /// YAML and JSON strings) and control characters (they end lines).
    /// </summary>
    public const string AlwaysRemoved = "[\"\\\\\\u0000-\\u001f\\u007f\\u0085\\u2028\\u2029\\ufeff]";

    private readonly List<(char From, char To)> _ranges;

    private AllowedCharacters(List<(char, char)> ranges, bool negated)
    {
        _ranges = ranges;
        Negated = negated;
    }

    /// <summary>True when the pattern lists the characters it rules out ([^...]) rather than those it allows.</summary>
    public bool Negated { get; }

    public bool Allows(char c) => Negated ^ _ranges.Any(r => c >= r.From && c <= r.To);

    public bool AllowsUpperCase => Enumerable.Range('A', 26).Any(c => Allows((char)c));

    /// <summary>A regex class of the characters a valid value cannot contain.</summary>
    public string DisallowedClass()
    {
        var sb = new StringBuilder(Negated ? "[" : "[^");
        foreach (var (from, to) in Merged())
        {
            sb.Append(Escape(from));
            if (to != from) sb.Append('-').Append(Escape(to));
        }
        return sb.Append(']').ToString();
    }

    private List<(char From, char To)> Merged()
    {
        var merged = new List<(char From, char To)>();
        foreach (var (from, to) in _ranges.OrderBy(r => r.From))
        {
            if (merged.Count > 0 && from <= merged[^1].To + 1)
                merged[^1] = (merged[^1].From, (char)Math.Max(merged[^1].To, to));
            else merged.Add((from, to));
        }
        return merged;
    }

    /// <summary>
    /// The characters a pattern can match, or null when the pattern is too open to say (it uses '.', \S, \W, or
    /// mixes a negated class with others).
    /// </summary>
    public static AllowedCharacters? FromPattern(string pattern)
    {
        var ranges = new List<(char, char)>();
        List<(char, char)>? negated = null;
        var positive = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '^' or '$' or '(' or ')' or '?' or '*' or '+' or '|':
                    break;
                case '{':
                    var close = pattern.IndexOf('}', i);
                    if (close < 0) return null;
                    i = close;
                    break;
                case '.':
                    return null;
                case '[':
                    var (items, isNegated, end) = ParseClass(pattern, i);
                    if (items is null) return null;
                    if (isNegated)
                    {
                        if (negated is not null) return null;
                        negated = items;
                    }
                    else
                    {
                        positive = true;
                        ranges.AddRange(items);
                    }
                    i = end;
                    break;
                case '\\':
                    var (escaped, length) = ParseEscape(pattern, i);
                    if (escaped is null) return null;
                    ranges.AddRange(escaped);
                    i += length - 1;
                    break;
                default:
                    ranges.Add((c, c));
                    break;
            }
        }
        if (negated is not null) return positive || ranges.Count > 0 ? null : new AllowedCharacters(negated, true);
        return ranges.Count == 0 ? null : new AllowedCharacters(ranges, false);
    }

    private static (List<(char, char)>? Items, bool Negated, int End) ParseClass(string p, int start)
    {
        var items = new List<(char, char)>();
        var i = start + 1;
        var negated = i < p.Length && p[i] == '^';
        if (negated) i++;
        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            first = false;
            char from;
            if (p[i] == '\\')
            {
                var (escaped, length) = ParseEscape(p, i);
                if (escaped is null) return (null, false, 0);
                i += length;
                if (escaped.Count != 1 || escaped[0].Item1 != escaped[0].Item2) { items.AddRange(escaped); continue; }
                from = escaped[0].Item1;
            }
            else from = p[i++];
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                i++;
                char to;
                if (p[i] == '\\')
                {
                    var (escaped, length) = ParseEscape(p, i);
                    if (escaped is null || escaped.Count != 1) return (null, false, 0);
                    to = escaped[0].Item1;
                    i += length;
                }
                else to = p[i++];
                items.Add((from, to));
            }
            else items.Add((from, from));
        }
        return i < p.Length ? (items, negated, i) : (null, false, 0);
    }

    private static (List<(char, char)>? Ranges, int Length) ParseEscape(string p, int i)
    {
        if (i + 1 >= p.Length) return (null, 0);
        var e = p[i + 1];
        return e switch
        {
            'd' => ([('0', '9')], 2),
            'w' => ([('A', 'Z'), ('a', 'z'), ('0', '9'), ('_', '_')], 2),
            'n' => ([('\n', '\n')], 2),
            't' => ([('\t', '\t')], 2),
            'r' => ([('\r', '\r')], 2),
            'u' when i + 5 < p.Length && int.TryParse(p.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                => ([((char)code, (char)code)], 6),
            's' or 'S' or 'W' or 'D' or 'b' or 'B' or 'u' => (null, 0),
            _ => ([(e, e)], 2),
        };
    }

    private static string Escape(char c) =>
        char.IsAsciiLetterOrDigit(c) ? c.ToString() : "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);
}
