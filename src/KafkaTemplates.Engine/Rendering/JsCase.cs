using System.Text;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// String.prototype.toLowerCase and toUpperCase as node runs them (ICU's full default case mapping), from node's own
/// table (<see cref="JsCaseData"/>) rather than .NET's, which differs (ß to SS, ŉ to ʼN, the ligatures, ı to I, İ to
/// i and a combining dot, ſ to S, characters newer than .NET's Unicode data) and depends on the globalization mode.
/// Capital sigma lower-cases to final ς at the end of a word (the Final_Sigma condition). Lone surrogates stay.
/// </summary>
internal static class JsCase
{
    private const int CapitalSigma = 0x03A3;

    public static string Lower(string s) => Map(s, lower: true);

    public static string Upper(string s) => Map(s, lower: false);

    private static string Map(string s, bool lower)
    {
        if (System.Text.Ascii.IsValid(s)) return lower ? s.ToLowerInvariant() : s.ToUpperInvariant();
        var special = lower ? JsCaseData.Lower : JsCaseData.Upper;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var cp = CodePointAt(s, i, out var width);
            if (cp < 0)
            {
                sb.Append(s[i]);
                continue;
            }
            if (lower && cp == CapitalSigma) sb.Append(IsFinal(s, i) ? '\u03C2' : '\u03C3');
            else if (special.TryGetValue(cp, out var mapped)) sb.Append(mapped);
            else sb.Append(s, i, width);
            i += width - 1;
        }
        return sb.ToString();
    }

    /// <summary>The code point starting at <paramref name="i"/>, or -1 for a lone surrogate.</summary>
    private static int CodePointAt(string s, int i, out int width)
    {
        width = 1;
        var c = s[i];
        if (!char.IsSurrogate(c)) return c;
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, s[i + 1]);
        }
        return -1;
    }

    /// <summary>The code point ending just before <paramref name="end"/>, or -1 for a lone surrogate.</summary>
    private static int CodePointBefore(string s, int end, out int width)
    {
        width = 1;
        var c = s[end - 1];
        if (!char.IsSurrogate(c)) return c;
        if (char.IsLowSurrogate(c) && end >= 2 && char.IsHighSurrogate(s[end - 2]))
        {
            width = 2;
            return char.ConvertToUtf32(s[end - 2], c);
        }
        return -1;
    }

    /// <summary>
    /// Final_Sigma: a cased letter before the sigma and none after it, skipping case-ignorable characters either way
    /// (a character that is both, such as ʰ, is skipped, as ICU does).
    /// </summary>
    private static bool IsFinal(string s, int at)
    {
        var casedBefore = false;
        for (var i = at; i > 0;)
        {
            var cp = CodePointBefore(s, i, out var width);
            if (In(JsCaseData.CaseIgnorable, cp))
            {
                i -= width;
                continue;
            }
            casedBefore = In(JsCaseData.Cased, cp);
            break;
        }
        if (!casedBefore) return false;
        for (var i = at + 1; i < s.Length;)
        {
            var cp = CodePointAt(s, i, out var width);
            if (In(JsCaseData.CaseIgnorable, cp))
            {
                i += width;
                continue;
            }
            return !In(JsCaseData.Cased, cp);
        }
        return true;
    }

    /// <summary>Whether a code point falls in one of the sorted inclusive ranges given as pairs.</summary>
    private static bool In(int[] ranges, int cp)
    {
        if (cp < 0) return false;
        int low = 0, high = ranges.Length / 2 - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (cp < ranges[2 * mid]) high = mid - 1;
            else if (cp > ranges[2 * mid + 1]) low = mid + 1;
            else return true;
        }
        return false;
    }
}
