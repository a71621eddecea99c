namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>
/// The metric names a PromQL expression selects: identifiers that are not functions (followed by "("), aggregation
/// operators, keywords, label names (inside {} or the lists after by, without, on, ignoring, group_left/right),
/// strings or durations. <c>{__name__="x"}</c> selects x as well.
/// </summary>
internal static class PromQlMetrics
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "Inf", "NaN", "start", "end",
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    private static readonly HashSet<string> LabelListKeywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right",
    };

    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "group", "stddev", "stdvar", "count", "count_values", "bottomk", "topk", "quantile",
        "limitk", "limit_ratio",
    };

    public static IReadOnlyList<string> Extract(string expr)
    {
        var names = new List<string>();
        var i = 0;
        while (i < expr.Length)
        {
            var c = expr[i];
            if (c is '"' or '\'' or '`') { i = SkipString(expr, i); continue; }
            if (c == '#') { while (i < expr.Length && expr[i] != '\n') i++; continue; }
            if (c == '{') { i = SkipMatchers(expr, i, names); continue; }
            if (c == '[') { i = Skip(expr, i, '[', ']'); continue; }
            if (char.IsDigit(c) || (c == '.' && i + 1 < expr.Length && char.IsDigit(expr[i + 1])))
            {
                while (i < expr.Length && (char.IsLetterOrDigit(expr[i]) || expr[i] is '.' or '_')) i++;
                continue;
            }
            if (!IsIdentifierStart(c)) { i++; continue; }

            var start = i;
            while (i < expr.Length && IsIdentifierPart(expr[i])) i++;
            var word = expr[start..i];
            var next = SkipSpace(expr, i);
            var following = next < expr.Length ? expr[next] : '\0';
            if (LabelListKeywords.Contains(word))
            {
                if (following == '(') i = Skip(expr, next, '(', ')');
                continue;
            }
            if (Keywords.Contains(word) || following == '(') continue;
            if (Aggregations.Contains(word) && NextWord(expr, next) is "by" or "without") continue;
            names.Add(word);
        }
        return names;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or ':';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    private static int SkipSpace(string s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
        return i;
    }

    private static string NextWord(string s, int i)
    {
        var start = i;
        while (i < s.Length && IsIdentifierPart(s[i])) i++;
        return s[start..i];
    }

    private static int SkipString(string s, int i)
    {
        var quote = s[i++];
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && quote != '`') i++;
            i++;
        }
        return i + 1;
    }

    private static int Skip(string s, int i, char open, char close)
    {
        var depth = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] is '"' or '\'' or '`') { i = SkipString(s, i) - 1; continue; }
            if (s[i] == open) depth++;
            else if (s[i] == close && --depth == 0) return i + 1;
        }
        return i;
    }

    /// <summary>Skips a {label matchers} block, keeping the metric a __name__ matcher selects.</summary>
    private static int SkipMatchers(string s, int i, List<string> names)
    {
        var end = Skip(s, i, '{', '}');
        var body = s[(i + 1)..Math.Max(i + 1, end - 1)];
        var at = body.IndexOf("__name__", StringComparison.Ordinal);
        if (at >= 0)
        {
            var rest = body[(at + "__name__".Length)..].TrimStart();
            if (rest.StartsWith('=') && !rest.StartsWith("=~", StringComparison.Ordinal))
            {
                rest = rest[1..].TrimStart();
                if (rest.Length > 1 && rest[0] is '"' or '\'')
                {
                    var close = rest.IndexOf(rest[0], 1);
                    if (close > 1) names.Add(rest[1..close]);
                }
            }
        }
        return end;
    }
}
