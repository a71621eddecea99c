using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// JavaScript's rules for the operations Nunjucks leaves to the language: truthiness, string conversion,
/// loose equality, ordering and <c>+</c>. Backstage renders with these rules, so the engine must too.
/// </summary>
internal static partial class JsSemantics
{
    public static bool IsNullish(object? v) => v is null or Undefined;

    public static bool Truthy(object? v) => v switch
    {
        null or Undefined => false,
        bool b => b,
        long l => l != 0,
        int i => i != 0,
        double d => d != 0 && !double.IsNaN(d),
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>How a value prints: null and undefined as nothing, arrays joined with commas.</summary>
    public static string ToOutput(object? v) => v switch
    {
        null or Undefined => "",
        _ => ToJsString(v),
    };

    public static string ToJsString(object? v) => v switch
    {
        null => "null",
        Undefined => "undefined",
        string s => s,
        SafeString safe => safe.Value,
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => NumberToString(d),
        IDictionary<string, object?> => "[object Object]",
        JsRegex r => r.ToString(),
        IList list => JoinList(list),
        TemplateCallable => throw new TemplateFunctionException("a callable value cannot be turned into text"),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    private static string JoinList(IList list)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0) sb.Append(',');
            if (list[i] is not (null or Undefined)) sb.Append(ToJsString(list[i]));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The shortest decimal digits that read back as <paramref name="d"/> (finite, not 0), without sign, and n such that
    /// |d| is 0.digits × 10^n, as ECMAScript's Number::toString defines them.
    /// </summary>
    public static (string Digits, int N) ShortestDigits(double d)
    {
        // "R" gives the shortest round-trip digits (since .NET Core 3.0); only the layout differs from JavaScript.
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exp10 = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.');
        var intPart = dot < 0 ? mantissa : mantissa[..dot];
        var fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        var digits = all.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        return (digits, intPart.Length - leadingZeros + exp10);
    }

    /// <summary>
    /// Number::toString of ECMAScript: the shortest digits that round-trip, positional notation for exponents from
    /// -7 to 20, exponent notation (<c>1e+21</c>, <c>1e-7</c>) outside, and -0 as "0".
    /// </summary>
    public static string NumberToString(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return "0";
        var negative = d < 0;
        var (digits, exponent) = ShortestDigits(d);
        var k = digits.Length;
        var n = exponent;
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (k <= n && n <= 21) sb.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) sb.Append("0.").Append('0', -n).Append(digits);
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            sb.Append('e').Append(n - 1 >= 0 ? '+' : '-').Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>JavaScript's Number(string): decimal, 0x/0o/0b integers, Infinity, surrounding whitespace.</summary>
    public static double ParseNumber(string text)
    {
        var s = JsTrim(text);
        if (s.Length == 0) return 0;
        if (s.Length > 2 && s[0] == '0' && s[1] is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = s[1] is 'x' or 'X' ? 16 : s[1] is 'o' or 'O' ? 8 : 2;
            double value = 0;
            for (var i = 2; i < s.Length; i++)
            {
                var digit = DigitValue(s[i]);
                if (digit < 0 || digit >= radix) return double.NaN;
                value = value * radix + digit;
            }
            return value;
        }
        var body = s[0] is '+' or '-' ? s[1..] : s;
        if (body == "Infinity") return s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        if (!DecimalLiteral().IsMatch(s)) return double.NaN;
        return double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DecimalLiteral();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[+-]?(Infinity|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DecimalPrefix();

    internal static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>JavaScript's parseFloat: the longest decimal prefix after leading whitespace, else NaN.</summary>
    public static double ParseFloat(string text)
    {
        var s = JsTrimStart(text);
        var m = DecimalPrefix().Match(s);
        if (!m.Success) return double.NaN;
        var t = m.Value;
        if (t.EndsWith("Infinity", StringComparison.Ordinal)) return t[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        return double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>JavaScript's parseInt(string, radix).</summary>
    public static double ParseInt(string text, double radixValue)
    {
        var s = JsTrimStart(text);
        var sign = 1;
        if (s.Length > 0 && s[0] is '+' or '-')
        {
            if (s[0] == '-') sign = -1;
            s = s[1..];
        }
        var radix = double.IsFinite(radixValue) ? (int)(long)Math.Truncate(radixValue % 4294967296d) : 0;
        var stripPrefix = true;
        if (radix != 0)
        {
            if (radix < 2 || radix > 36) return double.NaN;
            if (radix != 16) stripPrefix = false;
        }
        else radix = 10;
        if (stripPrefix && s.Length >= 2 && s[0] == '0' && s[1] is 'x' or 'X')
        {
            s = s[2..];
            radix = 16;
        }
        var end = 0;
        while (end < s.Length && DigitValue(s[end]) is var dv && dv >= 0 && dv < radix) end++;
        if (end == 0) return double.NaN;
        var digits = s[..end];
        double value;
        if (radix == 10) value = double.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        else
        {
            value = 0;
            foreach (var c in digits) value = value * radix + DigitValue(c);
        }
        return sign * value;
    }

    private static bool IsJsWhiteSpace(char c) =>
        c is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' or '\ufeff'
        || c is >= '\u2000' and <= '\u200a';

    /// <summary>String.prototype.trim: JavaScript's whitespace and line terminators, which differ from .NET's.</summary>
    public static string JsTrim(string s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsJsWhiteSpace(s[start])) start++;
        while (end > start && IsJsWhiteSpace(s[end - 1])) end--;
        return start == 0 && end == s.Length ? s : s[start..end];
    }

    public static string JsTrimStart(string s)
    {
        var start = 0;
        while (start < s.Length && IsJsWhiteSpace(s[start])) start++;
        return start == 0 ? s : s[start..];
    }

    /// <summary>Math.round: the nearest integer, halves towards +Infinity.</summary>
    public static double MathRound(double x)
    {
        if (!double.IsFinite(x) || x == 0) return x;
        if (x > -0.5 && x < 0) return -0.0;
        var f = Math.Floor(x);
        return x - f >= 0.5 ? f + 1 : f;
    }

    public static double ToNumber(object? v) => v switch
    {
        null => 0,
        Undefined => double.NaN,
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        double d => d,
        string s => ParseNumber(s),
        _ => ParseNumber(ToJsString(v)),
    };

    /// <summary>A value as JavaScript's ToPrimitive sees it: objects and lists become their string form.</summary>
    public static object? ToPrimitive(object? v) => v switch
    {
        null or Undefined or bool or long or int or double or string => v,
        _ => ToJsString(v),
    };

    /// <summary>The order of two values as nunjitsu compares them: -1, 0, 1, or NaN when they do not compare.</summary>
    public static double Order(object? a, object? b)
    {
        var pa = ToPrimitive(a);
        var pb = ToPrimitive(b);
        if (pa is string sa && pb is string sb)
        {
            var c = string.CompareOrdinal(sa, sb);
            return c < 0 ? -1 : c > 0 ? 1 : 0;
        }
        var x = ToNumber(pa);
        var y = ToNumber(pb);
        if (x < y) return -1;
        if (x > y) return 1;
        return x == y ? 0 : double.NaN;
    }

    public static bool IsNumber(object? v) => v is long or int or double;

    public static object? Number(double d) => PlainValues.Normalize(d);

    public static bool StrictEquals(object? a, object? b)
    {
        if (a is Undefined || b is Undefined) return a is Undefined && b is Undefined;
        if (a is null || b is null) return a is null && b is null;
        if (IsNumber(a) && IsNumber(b)) return ToNumber(a) == ToNumber(b);
        if (a is string sa && b is string sb) return sa == sb;
        if (a is bool ba && b is bool bb) return ba == bb;
        return ReferenceEquals(a, b);
    }

    public static bool LooseEquals(object? a, object? b)
    {
        if (StrictEquals(a, b)) return true;
        if (!IsPrimitive(a) && !IsPrimitive(b)) return false;
        return PrimitiveLooseEquals(ToPrimitive(a), ToPrimitive(b));
    }

    private static bool IsPrimitive(object? v) => v is null or Undefined or bool or long or int or double or string;

    private static bool PrimitiveLooseEquals(object? a, object? b)
    {
        if (StrictEquals(a, b)) return true;
        if (a is null or Undefined || b is null or Undefined) return IsNullish(a) && IsNullish(b);
        if (IsNumber(a) && IsNumber(b) || a is string && b is string || a is bool && b is bool) return false;
        if (a is bool ba) return PrimitiveLooseEquals(ba ? 1L : 0L, b);
        if (b is bool bb) return PrimitiveLooseEquals(a, bb ? 1L : 0L);
        if (IsNumber(a) && b is string) return ToNumber(a) == ToNumber(b);
        if (a is string && IsNumber(b)) return ToNumber(a) == ToNumber(b);
        return false;
    }

    /// <summary>Relational comparison; false whenever JavaScript would compare with NaN.</summary>
    public static bool Compare(object? a, object? b, Func<int, bool> accept)
    {
        var order = Order(a, b);
        return !double.IsNaN(order) && accept((int)order);
    }

    public static object? Add(object? a, object? b)
    {
        var pa = ToPrimitive(a);
        var pb = ToPrimitive(b);
        if (pa is string || pb is string) return ToJsString(pa) + ToJsString(pb);
        return Number(ToNumber(pa) + ToNumber(pb));
    }

    public static object? Length(object? v) => v switch
    {
        string s => (long)s.Length,
        IList l => (long)l.Count,
        IDictionary<string, object?> d => (long)d.Count,
        _ => 0L,
    };

    /// <summary>JSON.stringify: object key order kept, numbers printed as JavaScript prints them.</summary>
    public static string Stringify(object? value, string? indent = null)
    {
        var sb = new StringBuilder();
        WriteJson(sb, value, indent, "");
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, object? v, string? indent, string current)
    {
        switch (v)
        {
            case null or Undefined: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case long or int or double:
                var d = ToNumber(v);
                sb.Append(double.IsFinite(d) ? NumberToString(d) : "null");
                break;
            case string s: sb.Append(Quote(s)); break;
            case SafeString safe: sb.Append(Quote(safe.Value)); break;
            case JsRegex: sb.Append("{}"); break;
            case TemplateCallable: throw new TemplateFunctionException("a callable value cannot be turned into JSON");
            case IDictionary<string, object?> dict:
                var entries = dict.Where(kv => kv.Value is not Undefined).ToList();
                if (entries.Count == 0) { sb.Append("{}"); break; }
                sb.Append('{');
                var inner = current + indent;
                for (var i = 0; i < entries.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (indent is not null) sb.Append('\n').Append(inner);
                    sb.Append(Quote(entries[i].Key)).Append(indent is null ? ":" : ": ");
                    WriteJson(sb, entries[i].Value, indent, inner);
                }
                if (indent is not null) sb.Append('\n').Append(current);
                sb.Append('}');
                break;
            case IList list:
                if (list.Count == 0) { sb.Append("[]"); break; }
                sb.Append('[');
                var innerList = current + indent;
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    if (indent is not null) sb.Append('\n').Append(innerList);
                    WriteJson(sb, list[i], indent, innerList);
                }
                if (indent is not null) sb.Append('\n').Append(current);
                sb.Append(']');
                break;
            case JsonNode node: WriteJson(sb, PlainValues.FromJson(node), indent, current); break;
            default: sb.Append(Quote(ToJsString(v))); break;
        }
    }

    /// <summary>
    /// A JavaScript object's key order: keys that are array indices ("0", "2", "10") first, ascending, then the others
    /// in the order they were added. JSON values and object literals come out of Backstage in this order.
    /// </summary>
    public static OrderedDictionary<string, object?> InJsKeyOrder(OrderedDictionary<string, object?> record)
    {
        var hasIndex = false;
        foreach (var key in record.Keys)
            if (IsArrayIndexKey(key)) { hasIndex = true; break; }
        if (!hasIndex) return record;
        var ordered = new OrderedDictionary<string, object?>(record.Count, StringComparer.Ordinal);
        foreach (var (key, value) in record.Where(kv => IsArrayIndexKey(kv.Key)).OrderBy(kv => ulong.Parse(kv.Key, CultureInfo.InvariantCulture)))
            ordered[key] = value;
        foreach (var (key, value) in record.Where(kv => !IsArrayIndexKey(kv.Key))) ordered[key] = value;
        return ordered;
    }

    private static bool IsArrayIndexKey(string key)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0')) return false;
        foreach (var c in key) if (!char.IsAsciiDigit(c)) return false;
        return ulong.Parse(key, CultureInfo.InvariantCulture) < 4294967295UL;
    }

    /// <summary>String.prototype.toLowerCase (see <see cref="JsCase"/>).</summary>
    public static string JsLower(string s) => JsCase.Lower(s);

    /// <summary>String.prototype.toUpperCase (see <see cref="JsCase"/>).</summary>
    public static string JsUpper(string s) => JsCase.Upper(s);

    /// <summary>A JSON string literal escaped exactly as JSON.stringify escapes it (lone surrogates as \\uXXXX).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                sb.Append(c).Append(s[++i]);
                continue;
            }
            if (char.IsSurrogate(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                continue;
            }
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        return sb.Append('"').ToString();
    }
}
