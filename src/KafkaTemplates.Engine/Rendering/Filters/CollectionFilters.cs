using System.Collections;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>Nunjucks' filters over lists and objects.</summary>
internal static class CollectionFilters
{
    public static void Register(Dictionary<string, Filter> f)
    {
        f["length"] = (_, v, _) => Length(v);
        f["count"] = f["length"];
        f["join"] = Join;
        f["first"] = (_, v, _) => v switch
        {
            string s => s.Length > 0 ? s[..1] : Undefined.Value,
            IList l => l.Count > 0 ? l[0] : Undefined.Value,
            _ => Undefined.Value,
        };
        f["last"] = (_, v, _) => v switch
        {
            string s => s.Length > 0 ? s[^1..] : Undefined.Value,
            IList l => l.Count > 0 ? l[^1] : Undefined.Value,
            _ => Undefined.Value,
        };
        f["reverse"] = (_, v, _) => v switch
        {
            string s => new string(s.Reverse().ToArray()),
            IList l => l.Cast<object?>().Reverse().ToList(),
            _ => v,
        };
        f["sort"] = Sort;
        f["list"] = (_, v, _) => v switch
        {
            string s => s.Select(ch => (object?)ch.ToString()).ToList(),
            IList l => l.Cast<object?>().ToList(),
            IDictionary<string, object?> d => d.Select(kv => (object?)new OrderedDictionary<string, object?> { ["key"] = kv.Key, ["value"] = kv.Value }).ToList(),
            _ => throw new TemplateFunctionException("list filter: type not iterable"),
        };
        f["dictsort"] = (_, v, _) => v is IDictionary<string, object?> d
            ? d.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList()
            : throw new TemplateFunctionException("dictsort filter: the value is not an object");
        f["unique"] = (_, v, _) => v is IList l ? Distinct(l) : v;
        f["batch"] = Batch;
        f["sum"] = (_, v, _) => v is IList l ? Number(l.Cast<object?>().Sum(ToNumber)) : 0L;
    }

    private static object? Join(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var separator = IsNullish(FilterRegistry.Arg(args, 0)) ? "" : ToJsString(args[0]);
        var attribute = FilterRegistry.Arg(args, 1);
        if (value is not IList list) return IsNullish(value) ? "" : ToJsString(value);
        var items = list.Cast<object?>();
        if (!IsNullish(attribute))
            items = items.Select(i => i is IDictionary<string, object?> d && d.TryGetValue(ToJsString(attribute), out var x) ? x : Undefined.Value);
        return c.Bounded(string.Join(separator, items.Select(ToOutput)));
    }

    private static object? Sort(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is not IList list) return value;
        var reverse = Truthy(FilterRegistry.Arg(args, 0));
        var caseSensitive = Truthy(FilterRegistry.Arg(args, 1));
        var attribute = FilterRegistry.Arg(args, 2);
        object? Key(object? item) => IsNullish(attribute) ? item
            : item is IDictionary<string, object?> d && d.TryGetValue(ToJsString(attribute), out var x) ? x : Undefined.Value;
        var comparer = Comparer<object?>.Create((a, b) =>
        {
            var x = Key(a);
            var y = Key(b);
            if (!caseSensitive && x is string sx && y is string sy) return string.Compare(sx, sy, StringComparison.OrdinalIgnoreCase);
            if (Compare(x, y, r => r < 0)) return -1;
            return Compare(x, y, r => r > 0) ? 1 : 0;
        });
        var sorted = list.Cast<object?>().Order(comparer).ToList();
        if (reverse) sorted.Reverse();
        return sorted;
    }

    private static List<object?> Distinct(IList list)
    {
        var result = new List<object?>();
        foreach (var item in list)
            if (!result.Any(r => StrictEquals(r, item))) result.Add(item);
        return result;
    }

    private static object? Batch(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        if (value is not IList list) return value;
        var size = Math.Max(1, (int)ToNumber(FilterRegistry.Arg(args, 0)));
        var result = new List<object?>();
        for (var i = 0; i < list.Count; i += size)
            result.Add(list.Cast<object?>().Skip(i).Take(size).ToList());
        return result;
    }
}
