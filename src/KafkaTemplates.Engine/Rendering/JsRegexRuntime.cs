using System.Text;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Rendering.Filters;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A template's regex literals run as JavaScript runs them (without the u flag), on .NET's engine: the pattern is
/// rewritten so <c>\d \w \s \b .</c> <c>^ $</c> mean what they mean in JavaScript (ASCII digits and word characters,
/// JavaScript's whitespace, its four line terminators), <c>test</c> and <c>replace</c> follow RegExpBuiltinExec with
/// the literal's lastIndex for the g and y flags, <c>split</c> follows String.prototype.split's algorithm, and a
/// replacement string is expanded by GetSubstitution.
/// </summary>
internal static partial class JsRegexRuntime
{
    private const string Whitespace = "\\t\\n\\v\\f\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF";
    private const string NotWhitespace = "\\u0000-\\u0008\\u000E-\\u001F\\u0021-\\u009F\\u00A1-\\u167F\\u1681-\\u1FFF\\u200B-\\u2027\\u202A-\\u202E\\u2030-\\u205E\\u2060-\\u2FFF\\u3001-\\uFEFE\\uFF00-\\uFFFF";
    private const string Word = "A-Za-z0-9_";
    private const string NotWord = "\\u0000-\\u002F\\u003A-\\u0040\\u005B-\\u005E\\u0060\\u007B-\\uFFFF";
    private const string NotDigit = "\\u0000-\\u002F\\u003A-\\uFFFF";
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
    private const string LineTerminators = "\\n\\r\\u2028\\u2029";

    public static Regex Compile(FilterContext context, JsRegex regex) =>
        context.Regex(Translate(regex.Pattern, regex.Flags.Contains('m')), regex.Flags.Contains('i') ? RegexOptions.IgnoreCase : RegexOptions.None);

    /// <summary>RegExp.prototype.test, moving the literal's lastIndex for g and y as JavaScript does.</summary>
    public static bool Test(FilterContext context, JsRegex regex, string text) => Exec(Compile(context, regex), regex, text) is not null;

    /// <summary>String.prototype.replace with a regex; <paramref name="stateful"/> is false for a fresh copy (the replace filter).</summary>
    public static string Replace(FilterContext context, JsRegex regex, string text, string replacement, bool stateful)
    {
        var compiled = Compile(context, regex);
        var state = stateful ? regex : new JsRegex(regex.Pattern, regex.Flags);
        var matches = new List<Match>();
        if (regex.Global)
        {
            state.LastIndex = 0;
            while (Exec(compiled, state, text) is { } match)
            {
                matches.Add(match);
                if (match.Length == 0) state.LastIndex++;
            }
        }
        else if (Exec(compiled, state, text) is { } single)
        {
            matches.Add(single);
        }
        var sb = new StringBuilder();
        var position = 0;
        foreach (var match in matches)
        {
            if (match.Index < position) continue;
            sb.Append(text, position, match.Index - position);
            Substitute(sb, compiled, match, text, replacement);
            position = match.Index + match.Length;
            context.Bounded(sb.ToString());
        }
        sb.Append(text, position, text.Length - position);
        return context.Bounded(sb.ToString());
    }

    /// <summary>String.prototype.split with a regex separator (a sticky matcher tried at each position).</summary>
    public static List<object?> Split(FilterContext context, JsRegex regex, string text, ulong limit)
    {
        var compiled = Compile(context, regex);
        var output = new List<object?>();
        if (limit == 0) return output;
        if (text.Length == 0)
        {
            if (StickyMatch(compiled, text, 0) is null) output.Add(text);
            return output;
        }
        int p = 0, q = 0;
        while (q < text.Length)
        {
            var match = StickyMatch(compiled, text, q);
            if (match is null)
            {
                q++;
                continue;
            }
            var e = Math.Min(match.Index + match.Length, text.Length);
            if (e == p)
            {
                q++;
                continue;
            }
            output.Add(text[p..q]);
            if ((ulong)output.Count == limit) return output;
            for (var group = 1; group < match.Groups.Count; group++)
            {
                output.Add(match.Groups[group].Success ? match.Groups[group].Value : Undefined.Value);
                if ((ulong)output.Count == limit) return output;
            }
            p = e;
            q = p;
            if (output.Count > context.Limits.MaxLoopIterations) throw new TemplateLimitException("split() made more items than the loop limit");
        }
        output.Add(text[p..]);
        return output;
    }

    /// <summary>RegExpBuiltinExec: g and y start at lastIndex (y only there) and move it; other regexes search from 0.</summary>
    private static Match? Exec(Regex compiled, JsRegex state, string text)
    {
        var sticky = state.Flags.Contains('y');
        var useLastIndex = state.Global || sticky;
        var from = useLastIndex ? state.LastIndex : 0;
        if (from > text.Length)
        {
            if (useLastIndex) state.LastIndex = 0;
            return null;
        }
        var match = sticky ? StickyMatch(compiled, text, from) : compiled.Match(text, from) is { Success: true } found ? found : null;
        if (useLastIndex) state.LastIndex = match is null ? 0 : match.Index + match.Length;
        return match;
    }

    private static Match? StickyMatch(Regex compiled, string text, int at)
    {
        var match = compiled.Match(text, at);
        return match.Success && match.Index == at ? match : null;
    }

    /// <summary>GetSubstitution: $$, $&amp;, $`, $', $n and $nn (when such a group exists), $&lt;name&gt; (when the regex names groups).</summary>
    private static void Substitute(StringBuilder sb, Regex compiled, Match match, string text, string replacement)
    {
        var groupCount = match.Groups.Count - 1;
        var named = compiled.GetGroupNames().Any(n => !int.TryParse(n, out _));
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c != '$' || i + 1 >= replacement.Length)
            {
                sb.Append(c);
                continue;
            }
            var next = replacement[i + 1];
            switch (next)
            {
                case '$': sb.Append('$'); i++; continue;
                case '&': sb.Append(match.Value); i++; continue;
                case '`': sb.Append(text, 0, match.Index); i++; continue;
                case '\'': sb.Append(text, match.Index + match.Length, text.Length - match.Index - match.Length); i++; continue;
                case '<' when named:
                    var close = replacement.IndexOf('>', i + 2);
                    if (close < 0) break;
                    var group = match.Groups[replacement[(i + 2)..close]];
                    if (group.Success) sb.Append(group.Value);
                    i = close;
                    continue;
            }
            if (char.IsAsciiDigit(next))
            {
                var one = next - '0';
                var two = i + 2 < replacement.Length && char.IsAsciiDigit(replacement[i + 2]) ? one * 10 + (replacement[i + 2] - '0') : -1;
                if (two >= 1 && two <= groupCount)
                {
                    AppendGroup(sb, match, two);
                    i += 2;
                    continue;
                }
                if (one >= 1 && one <= groupCount)
                {
                    AppendGroup(sb, match, one);
                    i += 1;
                    continue;
                }
            }
            sb.Append('$');
        }
    }

    private static void AppendGroup(StringBuilder sb, Match match, int number)
    {
        if (match.Groups[number].Success) sb.Append(match.Groups[number].Value);
    }

    /// <summary>
    /// Any other escape: what it means without the u flag. Escapes JavaScript gives no meaning stand for the character
    /// itself (\a, \e, \p, \z, \A, ... which .NET would read as controls, categories or anchors); \c without a letter,
    /// \x and \u without their hex digits and \k without named groups too (Annex B).
    /// </summary>
    private static string Escape(string pattern, int at, bool hasNamedGroups)
    {
        var e = pattern[at];
        bool Hex(int count) => at + count < pattern.Length && !pattern.AsSpan(at + 1, count).ContainsAnyExcept(HexDigits);
        return e switch
        {
            'f' or 'n' or 'r' or 't' or 'v' or '0' or (>= '1' and <= '9') => "\\" + e,
            'c' => at + 1 < pattern.Length && char.IsAsciiLetter(pattern[at + 1]) ? "\\c" : "\\\\c",
            'x' => Hex(2) ? "\\x" : "x",
            'u' => Hex(4) ? "\\u" : "u",
            'k' => hasNamedGroups ? "\\k" : "k",
            _ when char.IsAsciiLetterOrDigit(e) => e.ToString(),
            _ => "\\" + e,
        };
    }

    /// <summary>Whether .NET compiles the rewritten pattern, and no group name is used twice (JavaScript refuses that).</summary>
    public static bool IsValid(string pattern)
    {
        try
        {
            var regex = new Regex(Translate(pattern, multiline: false), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            var names = GroupNames().Matches(pattern).Select(m => m.Groups[1].Value).ToList();
            return names.Count == names.Distinct(StringComparer.Ordinal).Count() && regex is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"\(\?<([A-Za-z_$][A-Za-z0-9_$]*)>")]
    private static partial Regex GroupNames();

    /// <summary>Rewrites a JavaScript pattern (no u flag) into .NET syntax with JavaScript's meaning.</summary>
    public static string Translate(string pattern, bool multiline)
    {
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        var hasNamedGroups = GroupNames().IsMatch(pattern);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[++i];
                sb.Append((e, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[" + Word + "]",
                    ('W', false) => "[^" + Word + "]",
                    ('s', false) => "[" + Whitespace + "]",
                    ('S', false) => "[^" + Whitespace + "]",
                    ('b', false) => "(?:(?<=[" + Word + "])(?![" + Word + "])|(?<![" + Word + "])(?=[" + Word + "]))",
                    ('B', false) => "(?:(?<=[" + Word + "])(?=[" + Word + "])|(?<![" + Word + "])(?![" + Word + "]))",
                    ('d', true) => "0-9",
                    ('D', true) => NotDigit,
                    ('w', true) => Word,
                    ('W', true) => NotWord,
                    ('s', true) => Whitespace,
                    ('S', true) => NotWhitespace,
                    ('b', true) => "\\b",
                    _ => Escape(pattern, i, hasNamedGroups),
                });
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c == '[' ? "\\[" : c.ToString());
                continue;
            }
            switch (c)
            {
                case '[':
                    if (pattern.AsSpan(i).StartsWith("[^]"))
                    {
                        sb.Append("[\\s\\S]");
                        i += 2;
                    }
                    else if (pattern.AsSpan(i).StartsWith("[]"))
                    {
                        sb.Append("(?!)");
                        i += 1;
                    }
                    else
                    {
                        inClass = true;
                        sb.Append('[');
                        if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        {
                            sb.Append('^');
                            i++;
                        }
                        // A ']' first in a JavaScript class closes it (an empty class was handled above).
                    }
                    break;
                case '.':
                    sb.Append("[^" + LineTerminators + "]");
                    break;
                case '^':
                    sb.Append(multiline ? "(?<=[" + LineTerminators + "]|\\A)" : "\\A");
                    break;
                case '$':
                    sb.Append(multiline ? "(?=[" + LineTerminators + "]|\\z)" : "\\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }
}
