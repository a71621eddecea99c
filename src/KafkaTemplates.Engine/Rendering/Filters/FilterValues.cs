using System.Collections;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>How nunjitsu's filters read their inputs: text, sequences, array-like records and attributes.</summary>
internal static class FilterValues
{
    public static object? Arg(IReadOnlyList<object?> args, int index) => index < args.Count ? args[index] : Undefined.Value;

    /// <summary>A string filter's input: a string or safe string, anything else is refused as Backstage refuses it.</summary>
    public static string AsText(object? value) => value switch
    {
        string s => s,
        SafeString s => s.Value,
        _ => throw new TemplateFunctionException("Filter input must be a string"),
    };

    /// <summary>undefined, null and false read as the empty string; everything else is left for <see cref="Text"/>.</summary>
    public static object? NormalizeText(object? value) => value is null or Undefined or false ? "" : value;

    public static object? CopySafeness(object? input, string output) => input is SafeString ? new SafeString(output) : output;

    public static List<object?> Chars(string s)
    {
        var list = new List<object?>(s.Length);
        foreach (var ch in s) list.Add(ch.ToString());
        return list;
    }

    /// <summary>An array's items or a string's UTF-16 code units; null for anything else.</summary>
    public static List<object?>? Sequence(object? value) => value switch
    {
        IDictionary<string, object?> => null,
        IList l => l.Cast<object?>().ToList(),
        string or SafeString => Chars(ToJsString(value)),
        _ => null,
    };

    public static object? DirectLength(object? value) => value switch
    {
        string or SafeString => (long)ToJsString(value).Length,
        IDictionary<string, object?> d => ReadOwn(d, "length"),
        IList l => (long)l.Count,
        _ => Undefined.Value,
    };

    public static string RepeatSpaces(double bound)
    {
        if (double.IsNaN(bound) || bound <= 0) return "";
        if (!double.IsFinite(bound) || bound > 16 * 1024 * 1024) throw new TemplateFunctionException("Filter spacing exceeds the supported bound");
        return new string(' ', (int)Math.Ceiling(bound));
    }

    public static bool IsSafeInteger(double d) => double.IsFinite(d) && d == Math.Truncate(d) && Math.Abs(d) <= 9007199254740991d;

    /// <summary>A property of a value, as nunjitsu reads its own properties: keys of objects, index and length of lists and strings.</summary>
    public static object? ReadOwn(object? target, string key)
    {
        switch (target)
        {
            case IDictionary<string, object?> d:
                return d.TryGetValue(key, out var v) ? v : Undefined.Value;
            case IList l:
                if (key == "length") return (long)l.Count;
                return ArrayIndex(key, l.Count) is { } i ? l[i] : Undefined.Value;
            case string s:
                if (key == "length") return (long)s.Length;
                return ArrayIndex(key, s.Length) is { } j ? s[j].ToString() : Undefined.Value;
            case SafeString safe:
                if (key == "val") return safe.Value;
                if (key == "length") return (long)safe.Value.Length;
                return ArrayIndex(key, safe.Value.Length) is { } k ? safe.Value[k].ToString() : Undefined.Value;
            default:
                return Undefined.Value;
        }
    }

    public static bool HasOwn(object? target, string key) => target switch
    {
        IDictionary<string, object?> d => d.ContainsKey(key),
        IList l => key == "length" || ArrayIndex(key, l.Count) is not null,
        string s => key == "length" || ArrayIndex(key, s.Length) is not null,
        SafeString safe => key is "val" or "length" || ArrayIndex(key, safe.Value.Length) is not null,
        _ => false,
    };

    /// <summary>A canonical array index ("0", "12", not "01" or "1.0") below the length.</summary>
    public static int? ArrayIndex(string key, int length)
    {
        if (key.Length == 0 || key.Length > 10 || (key.Length > 1 && key[0] == '0')) return null;
        var n = 0L;
        foreach (var ch in key)
        {
            if (!char.IsAsciiDigit(ch)) return null;
            n = n * 10 + (ch - '0');
        }
        return n < length ? (int)n : null;
    }

    public static object? LookupAttribute(object? value, string key) =>
        value is null or Undefined ? throw new TemplateFunctionException("Cannot read a template attribute from a nullish value") : ReadOwn(value, key);

    public static IReadOnlyList<string> AttributePath(object? value)
    {
        IReadOnlyList<string> path = !Truthy(value) ? [] : value is string s ? s.Split('.') : [ToJsString(value)];
        foreach (var segment in path) AllowedKey(segment, "attribute");
        return path;
    }

    /// <summary>An attribute a filter reads (join, sum, selectattr, rejectattr), which may not be a reserved name.</summary>
    public static string AttributeKey(object? value) => AllowedKey(ToJsString(value), "attribute");

    /// <summary>nunjitsu refuses these names as attributes and as keys a filter makes, as it does in expressions.</summary>
    public static string AllowedKey(string key, string what) => key is "constructor" or "prototype" or "__proto__"
        ? throw new TemplateFunctionException($"the {what} '{key}' is reserved")
        : key;

    public static object? LookupPath(object? value, IReadOnlyList<string> path)
    {
        var current = value;
        foreach (var segment in path)
        {
            if (current is null or Undefined) throw new TemplateFunctionException("Cannot read a template attribute from a nullish value");
            if (!HasOwn(current, segment)) return Undefined.Value;
            current = ReadOwn(current, segment);
        }
        return current;
    }

    /// <summary>The items at "0".."length-1" of an array-like record (a record without a length has none).</summary>
    public static List<object?> IndexedRecordValues(FilterContext c, IDictionary<string, object?> record)
    {
        var length = ToNumber(ReadOwn(record, "length"));
        var count = double.IsNaN(length) || length <= 0 ? 0 : Math.Ceiling(length);
        if (count > c.Limits.MaxLoopIterations)
            throw new TemplateLimitException($"an array-like object of length {count} is more than the loop limit of {c.Limits.MaxLoopIterations}");
        var values = new List<object?>();
        for (var i = 0; i < count; i++) values.Add(ReadOwn(record, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return values;
    }

    public static List<object?> MapRecordValues(FilterContext c, IDictionary<string, object?> record)
    {
        var length = ReadOwn(record, "length");
        if (IsNumber(length) && ToNumber(length) is var n && !double.IsNaN(n) && (n != Math.Floor(n) || n < 0 || n > 4294967295d))
            throw new TemplateFunctionException("Invalid array-like record length");
        return IndexedRecordValues(c, record);
    }

    public static List<object?> SliceRecordValues(FilterContext c, IDictionary<string, object?> record)
    {
        var length = ToNumber(ReadOwn(record, "length"));
        var count = double.IsNaN(length) || length <= 0 ? 0 : !double.IsFinite(length) ? 9007199254740991d : Math.Floor(length);
        if (count > c.Limits.MaxLoopIterations)
            throw new TemplateLimitException($"an array-like object of length {count} is more than the loop limit of {c.Limits.MaxLoopIterations}");
        var values = new List<object?>();
        for (var i = 0; i < count; i++)
            if (record.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var v)) values.Add(v);
        return values;
    }
}

/// <summary>
/// Array.prototype.sort as V8 runs it on short arrays (a natural run, then binary insertion), so a comparison that is
/// not a total order (NaN, mixed types) leaves items where Backstage leaves them; undefined items go last, uncompared.
/// </summary>
internal static class JsSort
{
    public static void Sort(List<object?> items, Comparison<object?> compare)
    {
        var undefinedCount = items.RemoveAll(i => i is Undefined);
        var n = items.Count;
        if (n >= 2)
        {
            var run = 2;
            var descending = compare(items[1], items[0]) < 0;
            for (var i = 2; i < n; i++)
            {
                var order = compare(items[i], items[i - 1]);
                if (descending ? order >= 0 : order < 0) break;
                run++;
            }
            if (descending) items.Reverse(0, run);
            for (var start = run; start < n; start++)
            {
                var pivot = items[start];
                int left = 0, right = start;
                while (left < right)
                {
                    var mid = left + ((right - left) >> 1);
                    if (compare(pivot, items[mid]) < 0) right = mid;
                    else left = mid + 1;
                }
                items.RemoveAt(start);
                items.Insert(left, pivot);
            }
        }
        for (var i = 0; i < undefinedCount; i++) items.Add(Undefined.Value);
    }
}
