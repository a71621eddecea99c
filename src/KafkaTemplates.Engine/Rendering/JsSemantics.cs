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
public static class JsSemantics
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
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => NumberToString(d),
        IDictionary<string, object?> => "[object Object]",
        JsRegex r => r.ToString(),
        IList list => string.Join(',', list.Cast<object?>().Select(x => x is null or Undefined ? "" : ToJsString(x))),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
    };

    public static string NumberToString(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21) return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        if (e < 0) return r;
        var exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        return r[..e] + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    public static double ToNumber(object? v) => v switch
    {
        null => 0,
        Undefined => double.NaN,
        bool b => b ? 1 : 0,
        long l => l,
        int i => i,
        double d => d,
        string s when s.Trim().Length == 0 => 0,
        string s => double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : double.NaN,
        IList { Count: 0 } => 0,
        IList { Count: 1 } l1 => ToNumber(ToJsString(l1[0])),
        _ => double.NaN,
    };

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
        if (a is null or Undefined || b is null or Undefined) return IsNullish(a) && IsNullish(b);
        if (a.GetType() == b.GetType() || (IsNumber(a) && IsNumber(b))) return StrictEquals(a, b);
        if (a is bool) return LooseEquals(ToNumber(a), b);
        if (b is bool) return LooseEquals(a, ToNumber(b));
        if (IsNumber(a) && b is string) return ToNumber(a) == ToNumber(b);
        if (a is string && IsNumber(b)) return ToNumber(a) == ToNumber(b);
        if (a is IList or IDictionary<string, object?>) return LooseEquals(ToJsString(a), b);
        if (b is IList or IDictionary<string, object?>) return LooseEquals(a, ToJsString(b));
        return false;
    }

    /// <summary>Relational comparison; false whenever JavaScript would compare with NaN.</summary>
    public static bool Compare(object? a, object? b, Func<int, bool> accept)
    {
        if (a is string sa && b is string sb) return accept(string.CompareOrdinal(sa, sb));
        var x = ToNumber(a);
        var y = ToNumber(b);
        if (double.IsNaN(x) || double.IsNaN(y)) return false;
        return accept(x.CompareTo(y));
    }

    public static object? Add(object? a, object? b)
    {
        if (a is string || b is string || a is IList || b is IList || a is IDictionary<string, object?> || b is IDictionary<string, object?>)
            return ToJsString(a) + ToJsString(b);
        return Number(ToNumber(a) + ToNumber(b));
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

    /// <summary>A JSON string literal escaped exactly as JSON.stringify escapes it.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
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
