using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using static KafkaTemplates.Engine.Rendering.JsSemantics;
using static KafkaTemplates.Engine.Rendering.Filters.FilterValues;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>
/// The built-in filters of nunjitsu 0.7.0, the engine Backstage renders with, one for one: the same names, the same
/// inputs accepted and refused (string filters refuse numbers, lists and objects, as Backstage does), the same
/// results on odd inputs. Nothing here exists only in kafka-templates.
/// </summary>
internal static partial class BuiltinFilters
{
    public static void Register(Dictionary<string, Filter> f)
    {
        f["abs"] = (_, v, _) => Number(Math.Abs(ToNumber(v)));
        f["batch"] = Batch;
        f["capitalize"] = (_, v, _) =>
        {
            var text = JsLower(AsText(NormalizeText(v)));
            return CopySafeness(v, text.Length == 0 ? text : JsUpper(text[..1]) + text[1..]);
        };
        f["center"] = Center;
        f["default"] = (_, v, a) => Truthy(Arg(a, 1)) ? (Truthy(v) ? v : Arg(a, 0)) : (v is Undefined ? Arg(a, 0) : v);
        f["d"] = f["default"];
        f["dictsort"] = DictSort;
        f["dump"] = Dump;
        f["escape"] = (_, v, _) => v is SafeString ? v : new SafeString(EscapeHtml(ToOutput(v)));
        f["e"] = f["escape"];
        f["forceescape"] = (_, v, _) => new SafeString(EscapeHtml(ToOutput(v)));
        f["safe"] = (_, v, _) => v is SafeString ? v : new SafeString(ToOutput(v));
        f["first"] = (_, v, _) => Edge(v, last: false);
        f["last"] = (_, v, _) => Edge(v, last: true);
        f["float"] = (_, v, a) => ParseFloat(ToJsString(v)) is var d && double.IsNaN(d) ? Arg(a, 0) : Number(d);
        f["int"] = (_, v, a) =>
        {
            var radix = Arg(a, 1) is Undefined ? 10 : Math.Truncate(ToNumber(Arg(a, 1)));
            var d = ParseInt(ToJsString(v), radix);
            return double.IsNaN(d) ? Arg(a, 0) : Number(d);
        };
        f["reverse"] = (c, v, _) => v switch
        {
            string s => Reverse(s),
            SafeString s => new SafeString(Reverse(s.Value)),
            IDictionary<string, object?> d => Reversed(MapRecordValues(c, d)),
            IList l => Reversed(l.Cast<object?>().ToList()),
            _ => new List<object?>(),
        };
        f["groupby"] = GroupBy;
        f["join"] = Join;
        f["sum"] = Sum;
        f["sort"] = Sort;
        f["selectattr"] = (_, v, a) => SelectAttributes(v, a, select: true);
        f["rejectattr"] = (_, v, a) => SelectAttributes(v, a, select: false);
        f["select"] = (c, v, a) => Select(c, v, a, select: true);
        f["reject"] = (c, v, a) => Select(c, v, a, select: false);
        f["indent"] = Indent;
        f["length"] = (_, v, _) => v switch
        {
            IDictionary<string, object?> d => (long)d.Count,
            IList l => (long)l.Count,
            string s => (long)s.Length,
            SafeString s => (long)s.Value.Length,
            null or Undefined or false => 0L,
            _ => Undefined.Value,
        };
        f["list"] = (_, v, _) => v switch
        {
            IDictionary<string, object?> d => d.Select(kv => (object?)new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["key"] = kv.Key, ["value"] = kv.Value }).ToList(),
            IList l => l,
            string or SafeString => Chars(ToJsString(v)),
            _ => throw new TemplateFunctionException("list requires an iterable value"),
        };
        f["lower"] = (_, v, _) => JsLower(AsText(NormalizeText(v)));
        f["upper"] = (_, v, _) => JsUpper(AsText(NormalizeText(v)));
        f["nl2br"] = (c, v, _) => CopySafeness(v, c.Bounded(LineBreak().Replace(v is null or Undefined ? "" : AsText(v), "<br />\n")));
        f["random"] = (_, v, _) => RandomItem(v);
        f["replace"] = Replace;
        f["round"] = (_, v, a) =>
        {
            var factor = JavaScriptMath.Pow(10, ToNumber(Truthy(Arg(a, 0)) ? Arg(a, 0) : 0L));
            var x = ToNumber(v) * factor;
            var method = Arg(a, 1);
            var rounded = method is "ceil" ? Math.Ceiling(x) : method is "floor" ? Math.Floor(x) : MathRound(x);
            return Number(rounded / factor);
        };
        f["slice"] = Slice;
        f["string"] = (_, v, _) => v switch
        {
            null or Undefined => throw new TemplateFunctionException("string requires a value"),
            SafeString => v,
            _ => ToOutput(v),
        };
        f["striptags"] = StripTags;
        f["title"] = (_, v, _) => CopySafeness(v, string.Join(' ', AsText(NormalizeText(v)).Split(' ').Select(word =>
        {
            var lower = JsLower(word);
            return lower.Length == 0 ? lower : JsUpper(lower[..1]) + lower[1..];
        })));
        f["trim"] = (_, v, _) => CopySafeness(v, JsTrim(AsText(v)));
        f["truncate"] = Truncate;
        f["urlencode"] = UrlEncode;
        f["urlize"] = Urlize;
        f["wordcount"] = (_, v, _) =>
        {
            var normalized = NormalizeText(v);
            if (!Truthy(normalized)) return null;
            var count = Word().Count(AsText(normalized));
            return count == 0 ? null : (long)count;
        };
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static List<object?> Reversed(List<object?> items)
    {
        items.Reverse();
        return items;
    }

    private static object? Batch(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is null or Undefined) throw new TemplateFunctionException("batch requires a sequence");
        var width = Math.Truncate(ToNumber(Arg(args, 0)));
        if (!IsSafeInteger(width) || width <= 0) throw new TemplateFunctionException("Batch size must be a positive integer");
        var values = value is IDictionary<string, object?> d ? IndexedRecordValues(c, d) : Sequence(value);
        var output = new List<object?>();
        if (values is null) return output;
        var fill = Arg(args, 1);
        var row = new List<object?>();
        foreach (var item in values)
        {
            row.Add(item);
            if (row.Count != width) continue;
            output.Add(row);
            row = [];
        }
        if (row.Count > 0)
        {
            if (Truthy(fill)) while (row.Count < width) row.Add(fill);
            output.Add(row);
        }
        return output;
    }

    private static object? Center(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var normalized = NormalizeText(value);
        var width = Truthy(Arg(args, 0)) ? Arg(args, 0) : 80L;
        var length = DirectLength(normalized);
        if (Order(length, width) >= 0) return normalized;
        var spaces = ToNumber(width) - ToNumber(length);
        var text = ToJsString(normalized);
        return CopySafeness(normalized, c.Bounded(RepeatSpaces(spaces / 2 - spaces % 2) + text + RepeatSpaces(spaces / 2)));
    }

    private static object? DictSort(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is not IDictionary<string, object?> record) throw new TemplateFunctionException("dictsort requires a record");
        var caseSensitive = Truthy(Arg(args, 0));
        var by = Arg(args, 1);
        if (by is not (Undefined or "key" or "value")) throw new TemplateFunctionException("dictsort can only sort by key or value");
        var byKey = by is not "value";
        var entries = record.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList();
        object? Key(object? entry) => ((List<object?>)entry!)[byKey ? 0 : 1];
        object? Normal(object? v) => !caseSensitive && v is string or SafeString ? JsUpper(ToJsString(v)) : v;
        JsSort.Sort(entries, (x, y) =>
        {
            var left = Normal(Key(x));
            var right = Normal(Key(y));
            if (Order(left, right) > 0) return 1;
            return StrictEquals(left, right) ? 0 : -1;
        });
        return entries;
    }

    private static object? Dump(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var spacing = Arg(args, 0);
        string? indent = spacing switch
        {
            string s => s.Length > 10 ? s[..10] : s,
            _ when IsNumber(spacing) && ToNumber(spacing) is var n && !double.IsNaN(n) && n > 0 => new string(' ', (int)Math.Min(10, Math.Truncate(n))),
            _ => null,
        };
        if (value is Undefined) return Undefined.Value;
        return c.Bounded(Stringify(value, string.IsNullOrEmpty(indent) ? null : indent));
    }

    private static object? Edge(object? value, bool last) => value switch
    {
        null or Undefined => throw new TemplateFunctionException($"{(last ? "last" : "first")} requires a sequence"),
        IDictionary<string, object?> d => last
            ? ReadOwn(d, ToJsString(Number(ToNumber(ReadOwn(d, "length")) - 1)))
            : ReadOwn(d, "0"),
        IList l => l.Count == 0 ? Undefined.Value : l[last ? l.Count - 1 : 0],
        string or SafeString => ToJsString(value) is var s && s.Length > 0 ? s[last ? s.Length - 1 : 0].ToString() : Undefined.Value,
        _ => Undefined.Value,
    };

    private static object? GroupBy(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is null or Undefined) throw new TemplateFunctionException("groupby requires a sequence");
        var values = value is IDictionary<string, object?> d ? IndexedRecordValues(c, d) : Sequence(value);
        var grouped = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        if (values is null) return grouped;
        var path = AttributePath(Arg(args, 0));
        foreach (var item in values)
        {
            var key = AllowedKey(ToJsString(LookupPath(item, path)), "group key");
            if (!grouped.TryGetValue(key, out var list)) grouped[key] = list = new List<object?>();
            ((List<object?>)list!).Add(item);
        }
        return InJsKeyOrder(grouped);
    }

    private static object? Join(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var separator = Truthy(Arg(args, 0)) ? ToJsString(Arg(args, 0)) : "";
        var attribute = Truthy(Arg(args, 1)) ? AttributeKey(Arg(args, 1)) : null;
        var items = attribute is null
            ? value is IList l && value is not IDictionary<string, object?> ? l.Cast<object?>().ToList() : throw new TemplateFunctionException("join requires an array")
            : Project(c, value, attribute);
        var sb = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) sb.Append(separator);
            if (items[i] is not (null or Undefined)) sb.Append(ToJsString(items[i]));
            if (sb.Length > c.Limits.MaxOutputChars) c.Bounded(sb.ToString());
        }
        return c.Bounded(sb.ToString());
    }

    /// <summary>Each item's attribute, as nunjitsu projects arrays, strings and array-like records for join and sum.</summary>
    private static List<object?> Project(FilterContext c, object? value, string attribute) => value switch
    {
        IDictionary<string, object?> d => MapRecordValues(c, d).Select(item => LookupAttribute(item, attribute)).ToList(),
        IList l => l.Cast<object?>().Select(item => LookupAttribute(item, attribute)).ToList(),
        string s => s.Select(ch => LookupAttribute(ch.ToString(), attribute)).ToList(),
        SafeString { Value.Length: > 0 } => [LookupAttribute(Undefined.Value, attribute)],
        _ => [],
    };

    private static object? Sum(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var attribute = Truthy(Arg(args, 0)) ? AttributeKey(Arg(args, 0)) : null;
        var items = attribute is null
            ? value is IList l && value is not IDictionary<string, object?> ? l.Cast<object?>().ToList() : throw new TemplateFunctionException("sum requires an array")
            : Project(c, value, attribute);
        object? reduced = 0L;
        foreach (var item in items) reduced = Bounded(c, Add(reduced, item));
        return Bounded(c, Add(Arg(args, 1) is Undefined ? 0L : Arg(args, 1), reduced));
    }

    private static object? Bounded(FilterContext c, object? value) => value is string s ? c.Bounded(s) : value;

    private static object? Sort(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var values = value switch
        {
            IDictionary<string, object?> d => MapRecordValues(c, d),
            IList l => l.Cast<object?>().ToList(),
            _ => Sequence(value),
        };
        if (values is null) return new List<object?>();
        var reverse = Truthy(Arg(args, 0));
        var caseSensitive = Truthy(Arg(args, 1));
        var path = AttributePath(Arg(args, 2));
        JsSort.Sort(values, (x, y) =>
        {
            var left = LookupPath(x, path);
            var right = LookupPath(y, path);
            if (!caseSensitive && left is string or SafeString && right is string or SafeString)
            {
                left = JsLower(ToJsString(left));
                right = JsLower(ToJsString(right));
            }
            var order = Order(left, right);
            if (order < 0) return reverse ? 1 : -1;
            if (order > 0) return reverse ? -1 : 1;
            return 0;
        });
        return values;
    }

    private static object? SelectAttributes(object? value, IReadOnlyList<object?> args, bool select)
    {
        if (value is not IList list || value is IDictionary<string, object?>)
            throw new TemplateFunctionException($"{(select ? "selectattr" : "rejectattr")} requires an array");
        var attribute = AttributeKey(Arg(args, 0));
        var output = new List<object?>();
        foreach (var item in list)
            if (Truthy(LookupAttribute(item, attribute)) == select) output.Add(item);
        return output;
    }

    private static object? Select(FilterContext c, object? value, IReadOnlyList<object?> args, bool select)
    {
        var test = Arg(args, 0) is Undefined ? "truthy" : ToJsString(Arg(args, 0));
        if (!BuiltinTests.IsKnown(test)) throw new TemplateFunctionException($"Unknown template test {test}");
        if (value is null or Undefined) throw new TemplateFunctionException($"{(select ? "select" : "reject")} requires a sequence");
        var values = value is IDictionary<string, object?> d ? SliceRecordValues(c, d) : Sequence(value);
        var output = new List<object?>();
        if (values is null) return output;
        var testArgs = args.Skip(1).ToList();
        foreach (var item in values)
            if (BuiltinTests.Apply(test, item, testArgs) == select) output.Add(item);
        return output;
    }

    private static object? Indent(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var normalized = NormalizeText(value);
        var text = AsText(normalized);
        if (normalized is "") return "";
        var width = Truthy(Arg(args, 0)) ? Arg(args, 0) : 4L;
        var first = Truthy(Arg(args, 1));
        var lines = text.Split('\n');
        var indentation = RepeatSpaces(ToNumber(width));
        var sb = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) sb.Append('\n');
            if (i > 0 || first) sb.Append(indentation);
            sb.Append(lines[i]);
            if (sb.Length > c.Limits.MaxOutputChars) c.Bounded(sb.ToString());
        }
        return CopySafeness(normalized, c.Bounded(sb.ToString()));
    }

    private static object? RandomItem(object? value)
    {
        if (value is null or Undefined) throw new TemplateFunctionException("random requires a sequence");
        if (value is IDictionary<string, object?> d)
        {
            var length = ToNumber(ReadOwn(d, "length"));
            var index = IsSafeInteger(length) && length > 0 ? Random.Shared.NextInt64((long)length) : Math.Floor(Random.Shared.NextDouble() * length);
            return ReadOwn(d, ToJsString(Number(index)));
        }
        var values = Sequence(value);
        return values is null || values.Count == 0 ? Undefined.Value : values[Random.Shared.Next(values.Count)];
    }

    private static object? Replace(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var search = Arg(args, 0);
        var replacement = Arg(args, 1);
        var maximumValue = Arg(args, 2) is Undefined ? -1L : Arg(args, 2);
        if (search is JsRegex pattern)
        {
            if (value is not (string or SafeString)) throw new TemplateFunctionException("Regular-expression replacement requires a string");
            // nunjitsu replaces with a fresh copy of the regex, so its lastIndex neither counts nor moves.
            return JsRegexRuntime.Replace(c, pattern, ToJsString(value), ToJsString(replacement), stateful: false);
        }
        if (search is not string && !IsNumber(search)) return value;
        var coerced = IsNumber(value) ? ToJsString(value) : value;
        if (coerced is not (string or SafeString)) return coerced;
        var text = ToJsString(coerced);
        var needle = ToJsString(search);
        if (needle.Length == 0)
        {
            var replacementText = ToJsString(replacement);
            var separator = replacement is Undefined ? "," : replacementText;
            return CopySafeness(coerced, c.Bounded(replacementText + string.Join(separator, text.Select(ch => ch.ToString())) + replacementText));
        }
        var nextIndex = text.IndexOf(needle, StringComparison.Ordinal);
        if (IsNumber(maximumValue) && ToNumber(maximumValue) == 0 || nextIndex < 0) return coerced;
        var with = ToJsString(replacement);
        if (IsNumber(maximumValue) && ToNumber(maximumValue) == -1) return CopySafeness(value, c.Bounded(text.Replace(needle, with, StringComparison.Ordinal)));
        var maximum = ToNumber(maximumValue);
        var sb = new StringBuilder();
        var remaining = text;
        for (var count = 0; count < maximum; count++)
        {
            var index = remaining.IndexOf(needle, StringComparison.Ordinal);
            if (index < 0) break;
            sb.Append(remaining, 0, index).Append(with);
            remaining = remaining[(index + needle.Length)..];
            if (sb.Length > c.Limits.MaxOutputChars) c.Bounded(sb.ToString());
        }
        sb.Append(remaining);
        return CopySafeness(value, c.Bounded(sb.ToString()));
    }

    /// <summary>JavaScript's replacement patterns in .NET's spelling: <c>$&amp;</c> is the match, <c>$$</c> a dollar.</summary>

    private static object? Slice(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var values = value is IList l && value is not IDictionary<string, object?> ? l.Cast<object?>().ToList() : Sequence(value)
            ?? throw new TemplateFunctionException("slice requires a sequence");
        var count = Math.Truncate(ToNumber(Arg(args, 0)));
        if (!IsSafeInteger(count) || count <= 0) throw new TemplateFunctionException("Slice count must be a positive integer");
        if (count > c.Limits.MaxLoopIterations) throw new TemplateLimitException($"slice would make {count} parts, more than the loop limit of {c.Limits.MaxLoopIterations}");
        var n = (int)count;
        var size = values.Count / n;
        var extra = values.Count % n;
        var fill = Arg(args, 1);
        var text = value is string or SafeString ? ToJsString(value) : null;
        var output = new List<object?>();
        var offset = 0;
        for (var index = 0; index < n; index++)
        {
            var length = size + (index < extra ? 1 : 0);
            if (text is not null)
            {
                if (Truthy(fill) && index >= extra) throw new TemplateFunctionException("slice cannot append a fill value to a string");
                output.Add(text.Substring(offset, length));
            }
            else
            {
                var part = values.GetRange(offset, length);
                if (Truthy(fill) && index >= extra) part.Add(fill);
                output.Add(part);
            }
            offset += length;
        }
        return output;
    }

    private static object? StripTags(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var stripped = AsText(NormalizeText(value));
        for (var pass = 0; ; pass++)
        {
            var next = HtmlTag().Replace(stripped, "");
            if (next == stripped) break;
            stripped = next;
            if (pass == 7)
            {
                if (HtmlTag().Replace(stripped, "") != stripped) throw new TemplateFunctionException("striptags input contains excessively nested markup");
                break;
            }
        }
        stripped = JsTrim(stripped);
        var result = Truthy(Arg(args, 0))
            ? ExcessBlankLines().Replace(RepeatedSpaces().Replace(LineEdgeSpaces().Replace(stripped, ""), " ").Replace("\r\n", "\n"), "\n\n")
            : RepeatedWhitespace().Replace(stripped, " ");
        return CopySafeness(value, result);
    }

    private static object? Truncate(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var normalized = NormalizeText(value);
        var lengthValue = Truthy(Arg(args, 0)) ? Arg(args, 0) : 255L;
        if (Order(DirectLength(normalized), lengthValue) <= 0) return normalized;
        var text = AsText(normalized);
        var length = ToNumber(lengthValue);
        string truncated;
        if (Truthy(Arg(args, 1))) truncated = Substring(text, 0, length);
        else
        {
            var from = double.IsNaN(length) ? text.Length : (int)Math.Clamp(length, 0, text.Length);
            var index = text.LastIndexOf(' ', Math.Min(from, text.Length - 1));
            truncated = Substring(text, 0, index < 0 ? length : index);
        }
        var end = Arg(args, 2) is null or Undefined ? "..." : ToJsString(Arg(args, 2));
        return CopySafeness(value, truncated + end);
    }

    /// <summary>String.prototype.substring: bounds clamped to the text, NaN as 0, swapped when reversed.</summary>
    private static string Substring(string s, double start, double end)
    {
        int Clamp(double d) => double.IsNaN(d) ? 0 : (int)Math.Clamp(Math.Truncate(d), 0, s.Length);
        var a = Clamp(start);
        var b = Clamp(end);
        return a <= b ? s[a..b] : s[b..a];
    }

    private static object? UrlEncode(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is string or SafeString) return EncodeUriComponent(ToJsString(value));
        var parts = new List<string>();
        if (value is IDictionary<string, object?> d)
            foreach (var (key, item) in d) parts.Add(EncodeUriComponent(key) + "=" + EncodeUriComponent(ToJsString(item)));
        else if (value is IList l)
            foreach (var entry in l)
            {
                var (key, item) = entry switch
                {
                    null or Undefined => throw new TemplateFunctionException("urlencode sequence entries cannot be nullish"),
                    IDictionary<string, object?> e => (ReadOwn(e, "0"), ReadOwn(e, "1")),
                    IList e => (e.Count > 0 ? e[0] : Undefined.Value, e.Count > 1 ? e[1] : Undefined.Value),
                    string or SafeString => ToJsString(entry) is var s
                        ? ((object?)(s.Length > 0 ? s[0].ToString() : Undefined.Value), (object?)(s.Length > 1 ? s[1].ToString() : Undefined.Value))
                        : default,
                    _ => (Undefined.Value, Undefined.Value),
                };
                parts.Add(EncodeUriComponent(ToJsString(key)) + "=" + EncodeUriComponent(ToJsString(item)));
            }
        return c.Bounded(string.Join('&', parts));
    }

    /// <summary>encodeURIComponent: UTF-8 percent-encoding of all but A-Z a-z 0-9 - _ . ! ~ * ' ( ).</summary>
    internal static string EncodeUriComponent(string s)
    {
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')')
            {
                sb.Append(ch);
                continue;
            }
            int codePoint;
            if (char.IsHighSurrogate(ch) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) codePoint = char.ConvertToUtf32(ch, s[++i]);
            else if (char.IsSurrogate(ch)) throw new TemplateFunctionException("URI malformed");
            else codePoint = ch;
            foreach (var b in Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint))) sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static object? Urlize(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var limit = SubstringLength(Arg(args, 0));
        var nofollow = Arg(args, 1) is true ? " rel=\"nofollow\"" : "";
        var sb = new StringBuilder();
        foreach (var word in UrlizeSeparator().Split(AsText(value)))
        {
            if (word.Length == 0) continue;
            var match = UrlizePunctuation().Match(word);
            var possible = match.Success ? match.Groups[1].Value : word;
            var shortText = limit >= possible.Length ? possible : possible[..(int)limit];
            if (possible.StartsWith("http://", StringComparison.Ordinal) || possible.StartsWith("https://", StringComparison.Ordinal))
                sb.Append($"<a href=\"{possible}\"{nofollow}>{shortText}</a>");
            else if (possible.StartsWith("www.", StringComparison.Ordinal)) sb.Append($"<a href=\"http://{possible}\"{nofollow}>{shortText}</a>");
            else if (EmailAddress().IsMatch(possible)) sb.Append($"<a href=\"mailto:{possible}\">{possible}</a>");
            else if (CommonDomain().IsMatch(possible)) sb.Append($"<a href=\"http://{possible}\"{nofollow}>{shortText}</a>");
            else sb.Append(word);
        }
        return c.Bounded(sb.ToString());
    }

    private static double SubstringLength(object? value)
    {
        if (value is Undefined || value is double d && double.IsNaN(d)) return double.PositiveInfinity;
        var n = ToNumber(value);
        if (double.IsNaN(n) || n <= 0) return 0;
        return double.IsFinite(n) ? Math.Truncate(n) : n;
    }

    private static readonly Dictionary<char, string> HtmlEscapes = new()
    {
        ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&#39;", ['<'] = "&lt;", ['>'] = "&gt;", ['\\'] = "&#92;",
    };

    private static readonly System.Buffers.SearchValues<char> HtmlSpecial = System.Buffers.SearchValues.Create("&\"'<>\\");

    internal static string EscapeHtml(string s)
    {
        if (s.AsSpan().IndexOfAny(HtmlSpecial) < 0) return s;
        var sb = new StringBuilder(s.Length + 16);
        foreach (var ch in s) sb.Append(HtmlEscapes.TryGetValue(ch, out var escaped) ? escaped : ch);
        return sb.ToString();
    }

    [GeneratedRegex("\r\n|\n")]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<\/?([a-zA-Z][a-zA-Z0-9]*)(?![A-Za-z0-9_])[^>]*>|<!--[\s\S]*?-->")]
    private static partial Regex HtmlTag();

    [GeneratedRegex("(?<![^\n\r\u2028\u2029]) +| +(?![^\n\r\u2028\u2029])")]
    private static partial Regex LineEdgeSpaces();

    [GeneratedRegex(" +")]
    private static partial Regex RepeatedSpaces();

    [GeneratedRegex("\n\n\n+")]
    private static partial Regex ExcessBlankLines();

    [GeneratedRegex("[\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+")]
    private static partial Regex RepeatedWhitespace();

    [GeneratedRegex("[A-Za-z0-9_]+")]
    private static partial Regex Word();

    [GeneratedRegex("([\t\n\v\f\r \u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF]+)")]
    private static partial Regex UrlizeSeparator();

    [GeneratedRegex(@"^(?:\(|<|&lt;)?(.*?)(?:\.|,|\)|\n|&gt;)?\z")]
    private static partial Regex UrlizePunctuation();

    [GeneratedRegex(@"^[A-Za-z0-9_.!#$%&'*+\-/=?^`{|}~]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\z")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\.(?:org|net|com)(?::|\/|\z)")]
    private static partial Regex CommonDomain();
}
