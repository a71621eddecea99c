using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Converts between JSON nodes (how answers and inputs are stored) and the plain values the renderer works on:
/// null, <see cref="Undefined"/>, bool, long, double, string, <c>List&lt;object?&gt;</c> and
/// <c>OrderedDictionary&lt;string, object?&gt;</c>. Plain values can be shared freely; JSON nodes cannot.
/// </summary>
internal static class PlainValues
{
    /// <summary>
    /// A deep copy of the lists and objects of render values (shared lists stay shared in the copy), for a render that
    /// may change a list in place.
    /// </summary>
    public static IReadOnlyDictionary<string, object?> Copy(IReadOnlyDictionary<string, object?> values)
    {
        var copies = new Dictionary<object, object?>(ReferenceEqualityComparer.Instance);
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in values) copy[key] = Copy(value, copies);
        return copy;
    }

    private static object? Copy(object? value, Dictionary<object, object?> copies)
    {
        switch (value)
        {
            case null:
                return null;
            case OrderedDictionary<string, object?> record:
                if (copies.TryGetValue(record, out var known)) return known;
                var recordCopy = new OrderedDictionary<string, object?>(record.Count, StringComparer.Ordinal);
                copies[record] = recordCopy;
                foreach (var (key, item) in record) recordCopy[key] = Copy(item, copies);
                return recordCopy;
            case List<object?> list:
                if (copies.TryGetValue(list, out var seen)) return seen;
                var listCopy = new List<object?>(list.Count);
                copies[list] = listCopy;
                foreach (var item in list) listCopy.Add(Copy(item, copies));
                return listCopy;
            case IDictionary<string, object?> other:
                if (copies.TryGetValue(other, out var otherKnown)) return otherKnown;
                var otherCopy = new OrderedDictionary<string, object?>(other.Count, StringComparer.Ordinal);
                copies[other] = otherCopy;
                foreach (var (key, item) in other) otherCopy[key] = Copy(item, copies);
                return otherCopy;
            case System.Collections.IList items:
                if (copies.TryGetValue(items, out var itemsKnown)) return itemsKnown;
                var itemsCopy = new List<object?>(items.Count);
                copies[items] = itemsCopy;
                foreach (var item in items) itemsCopy.Add(Copy(item, copies));
                return itemsCopy;
            default:
                return value;
        }
    }

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => FromObject(o),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => FromValue(v),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static OrderedDictionary<string, object?> FromObject(JsonObject o)
    {
        var d = new OrderedDictionary<string, object?>(o.Count, StringComparer.Ordinal);
        foreach (var (k, v) in o) d[k] = FromJson(v);
        return JsSemantics.InJsKeyOrder(d);
    }

    private static object? FromValue(JsonValue v)
    {
        if (v.TryGetValue<string>(out var s)) return s;
        if (v.TryGetValue<bool>(out var b)) return b;
        if (v.TryGetValue<long>(out var l)) return Integer(l);
        if (v.TryGetValue<int>(out var i)) return (long)i;
        if (v.TryGetValue<double>(out var d)) return Normalize(d);
        if (v.TryGetValue<decimal>(out var m)) return Normalize((double)m);
        if (v.TryGetValue<JsonElement>(out var e))
        {
            return e.ValueKind switch
            {
                JsonValueKind.String => e.GetString(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Null => null,
                JsonValueKind.Number => e.TryGetInt64(out var n) ? Integer(n) : Normalize(e.GetDouble()),
                _ => FromJson(JsonNode.Parse(e.GetRawText())),
            };
        }
        return v.ToString();
    }

    /// <summary>A JSON integer as JavaScript reads it: beyond 2^53 it is the nearest double, as in Backstage.</summary>
    private static object Integer(long l) => Math.Abs(l) <= 9007199254740992L ? l : (double)l;

    /// <summary>Integral doubles become longs so "3" prints as 3, as JavaScript prints it.</summary>
    public static object Normalize(double d) =>
        d == Math.Floor(d) && Math.Abs(d) < 9007199254740992d && !(d == 0 && double.IsNegative(d)) ? (long)d : d;

    public static JsonNode? ToJson(object? value) => value switch
    {
        null or Undefined => null,
        JsonNode n => n.DeepClone(),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create((long)i),
        double d => double.IsFinite(d) ? JsonValue.Create(Normalize(d) is long l2 ? l2 : d) : null,
        string s => JsonValue.Create(s),
        IDictionary<string, object?> dict => ToJsonObject(dict),
        System.Collections.IDictionary legacy => ToJsonObject(legacy.Keys.Cast<object>().ToDictionary(k => Convert.ToString(k, CultureInfo.InvariantCulture)!, k => legacy[k])),
        System.Collections.IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToJson).ToArray()),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject ToJsonObject(IEnumerable<KeyValuePair<string, object?>> dict)
    {
        var o = new JsonObject();
        foreach (var (k, v) in dict)
            if (v is not Undefined) o[k] = ToJson(v);
        return o;
    }
}
