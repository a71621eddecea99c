using System.Collections;
using KafkaTemplates.Engine.Rendering.Filters;
using Scriban;
using Scriban.Runtime;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The functions translated templates call. Scriban passes the <see cref="TemplateContext"/> first, which gives each
/// call the limits and constants of its own render; the table itself is shared and read-only.
/// </summary>
internal static class NunjucksRuntime
{
    public static readonly ScriptObject Functions = Build();

    private static readonly HashSet<string> Tests =
    [
        "defined", "undefined", "none", "null", "string", "number", "truthy", "falsy", "odd", "even", "divisibleby",
        "equalto", "eq", "sameas", "ne", "lt", "lessthan", "gt", "greaterthan", "le", "ge", "iterable", "mapping",
        "lower", "upper", "callable", "escaped",
    ];

    public static bool IsKnownTest(string name) => Tests.Contains(name);

    private static ScriptObject Build()
    {
        var o = new ScriptObject();
        o.Import("f_k", new Func<TemplateContext, int, object?>((c, i) => Ctx(c).Constants[i]));
        o.Import("f_out", new Func<TemplateContext, object?, string>((c, v) => ToOutput(v)));
        o.Import("f_truthy", new Func<object?, bool>(Truthy));
        o.Import("f_capture", new Func<TemplateContext, object?, string>((c, v) => { Ctx(c).Captured = v; return ""; }));
        o.Import("f_undefined", new Func<object?>(() => Undefined.Value));
        o.Import("f_list", new Func<object?, object?>(ToList));
        o.Import("f_dict", new Func<object?, object?>(ToDict));
        o.Import("f_get", new Func<object?, object?, object?>(Get));
        o.Import("f_at", new Func<object?, int, object?>((l, i) => l is IList list && i < list.Count ? list[i] : Undefined.Value));
        o.Import("f_iter", new Func<object?, object?>(Iterate));
        o.Import("f_pairs", new Func<object?, object?>(Pairs));
        o.Import("f_empty", new Func<object?, bool>(v => v is not IList { Count: > 0 }));
        o.Import("f_loop", new Func<int, int, object?>(Loop));
        o.Import("f_range", new Func<TemplateContext, object?, object?>(Range));
        o.Import("f_method", new Func<TemplateContext, object?, object?, object?, object?>(Method));
        o.Import("f_filter", new Func<TemplateContext, object?, object?, object?, object?>((c, name, v, args) =>
            FilterRegistry.Apply(Ctx(c).Filters, (string)name!, v, (IReadOnlyList<object?>)ToList(args)!)));
        o.Import("f_unary", new Func<object?, object?, object?>(Unary));
        o.Import("f_binary", new Func<TemplateContext, object?, object?, object?, object?>(Binary));
        o.Import("f_cond", new Func<object?, object?, object?, object?>((c, a, b) => Truthy(c) ? a : b));
        o.Import("f_test", new Func<object?, bool, object?, object?, object?>(Test));
        return o;
    }

    private static NunjucksContext Ctx(TemplateContext c) => (NunjucksContext)c;

    private static object? ToList(object? v) => v switch
    {
        List<object?> list => list,
        IList list => list.Cast<object?>().ToList(),
        _ => new List<object?>(),
    };

    private static object? ToDict(object? v)
    {
        var items = (List<object?>)ToList(v)!;
        var d = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < items.Count; i += 2) d[ToJsString(items[i])] = items[i + 1];
        return d;
    }

    internal static object? Get(object? target, object? key)
    {
        switch (target)
        {
            case IDictionary<string, object?> d:
                return d.TryGetValue(ToJsString(key), out var v) ? v : Undefined.Value;
            case IList l:
                if (key is "length") return (long)l.Count;
                var index = ToNumber(key);
                if (double.IsNaN(index)) return Undefined.Value;
                return index >= 0 && index < l.Count && index == Math.Floor(index) ? l[(int)index] : Undefined.Value;
            case string s:
                if (key is "length") return (long)s.Length;
                var n = ToNumber(key);
                return !double.IsNaN(n) && n >= 0 && n < s.Length ? s[(int)n].ToString() : Undefined.Value;
            default:
                return Undefined.Value;
        }
    }

    private static object? Iterate(object? v) => v switch
    {
        IList l => l,
        IDictionary<string, object?> d => d.Keys.Cast<object?>().ToList(),
        string s => s.Select(c => (object?)c.ToString()).ToList(),
        _ => new List<object?>(),
    };

    private static object? Pairs(object? v) => v switch
    {
        IDictionary<string, object?> d => d.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList(),
        IList l => l.Cast<object?>().Select(x => x is IList pair ? (object?)pair : new List<object?> { x, Undefined.Value }).ToList(),
        _ => new List<object?>(),
    };

    private static object? Loop(int index, int rindex) => new OrderedDictionary<string, object?>(StringComparer.Ordinal)
    {
        ["index"] = (long)index + 1,
        ["index0"] = (long)index,
        ["revindex"] = (long)rindex + 1,
        ["revindex0"] = (long)rindex,
        ["first"] = index == 0,
        ["last"] = rindex == 0,
        ["length"] = (long)(index + rindex + 1),
    };

    private static object? Range(TemplateContext c, object? argsValue)
    {
        var args = (List<object?>)ToList(argsValue)!;
        double start = 0, stop, step = 1;
        if (args.Count == 1) stop = ToNumber(args[0]);
        else
        {
            start = ToNumber(args.ElementAtOrDefault(0));
            stop = ToNumber(args.ElementAtOrDefault(1));
            if (args.Count > 2) step = ToNumber(args[2]);
        }
        if (step == 0 || double.IsNaN(start) || double.IsNaN(stop) || double.IsNaN(step))
            throw new TemplateFunctionException("range(): the bounds must be numbers and the step must not be 0");
        var count = Math.Max(0, Math.Ceiling((stop - start) / step));
        if (count > Ctx(c).Limits.MaxLoopIterations)
            throw new TemplateLimitException($"range() would make {count} items, more than the loop limit of {Ctx(c).Limits.MaxLoopIterations}");
        var result = new List<object?>();
        for (var i = 0; i < count; i++) result.Add(Number(start + i * step));
        return result;
    }

    /// <summary>The few JavaScript string and array methods templates reach for.</summary>
    private static object? Method(TemplateContext c, object? target, object? nameValue, object? argsValue)
    {
        var name = (string)nameValue!;
        var args = (List<object?>)ToList(argsValue)!;
        var limits = Ctx(c).Filters;
        string Arg(int i) => i < args.Count ? ToJsString(args[i]) : "";
        return (target, name) switch
        {
            (string s, "toLowerCase") => s.ToLowerInvariant(),
            (string s, "toUpperCase") => s.ToUpperInvariant(),
            (string s, "trim") => s.Trim(),
            (string s, "startsWith") => s.StartsWith(Arg(0), StringComparison.Ordinal),
            (string s, "endsWith") => s.EndsWith(Arg(0), StringComparison.Ordinal),
            (string s, "includes") => s.Contains(Arg(0), StringComparison.Ordinal),
            (string s, "indexOf") => (long)s.IndexOf(Arg(0), StringComparison.Ordinal),
            (string s, "split") => s.Split(Arg(0)).Select(x => (object?)x).ToList(),
            (string s, "replace") => limits.Bounded(ReplaceFirst(s, Arg(0), Arg(1))),
            (string s, "slice" or "substring") => Slice(s, args),
            (IList l, "includes") => l.Cast<object?>().Any(x => StrictEquals(x, args.ElementAtOrDefault(0))),
            (IList l, "indexOf") => (long)l.Cast<object?>().ToList().FindIndex(x => StrictEquals(x, args.ElementAtOrDefault(0))),
            (IList l, "join") => limits.Bounded(string.Join(args.Count > 0 ? Arg(0) : ",", l.Cast<object?>().Select(ToOutput))),
            _ => throw new TemplateFunctionException($"'{name}' is not a method a template can call on {TypeName(target)}"),
        };
    }

    private static string ReplaceFirst(string s, string old, string replacement)
    {
        var at = s.IndexOf(old, StringComparison.Ordinal);
        return at < 0 ? s : s[..at] + replacement + s[(at + old.Length)..];
    }

    private static string Slice(string s, List<object?> args)
    {
        int Clamp(double d) => (int)Math.Clamp(d < 0 ? s.Length + d : d, 0, s.Length);
        var start = args.Count > 0 ? Clamp(ToNumber(args[0])) : 0;
        var end = args.Count > 1 ? Clamp(ToNumber(args[1])) : s.Length;
        return end > start ? s[start..end] : "";
    }

    private static string TypeName(object? v) => v switch
    {
        null => "null",
        Undefined => "undefined",
        string => "a string",
        IList => "a list",
        IDictionary<string, object?> => "an object",
        _ => "a " + v.GetType().Name.ToLowerInvariant(),
    };

    private static object? Unary(object? op, object? v) => (string)op! switch
    {
        "not" => !Truthy(v),
        "-" => Number(-ToNumber(v)),
        _ => Number(ToNumber(v)),
    };

    private static object? Binary(TemplateContext c, object? opValue, object? a, object? b)
    {
        var op = (string)opValue!;
        return op switch
        {
            "or" => Truthy(a) ? a : b,
            "and" => Truthy(a) ? b : a,
            "==" => LooseEquals(a, b),
            "!=" => !LooseEquals(a, b),
            "===" => StrictEquals(a, b),
            "!==" => !StrictEquals(a, b),
            "<" => JsSemantics.Compare(a, b, r => r < 0),
            ">" => JsSemantics.Compare(a, b, r => r > 0),
            "<=" => JsSemantics.Compare(a, b, r => r <= 0),
            ">=" => JsSemantics.Compare(a, b, r => r >= 0),
            "in" => In(a, b),
            "~" => Ctx(c).Filters.Bounded(ToOutput(a) + ToOutput(b)),
            "+" => Add(a, b) is string s ? Ctx(c).Filters.Bounded(s) : Add(a, b),
            "-" => Number(ToNumber(a) - ToNumber(b)),
            "*" => Number(ToNumber(a) * ToNumber(b)),
            "/" => Number(ToNumber(a) / ToNumber(b)),
            "//" => Number(Math.Floor(ToNumber(a) / ToNumber(b))),
            "%" => Number(ToNumber(a) % ToNumber(b)),
            "**" => Number(Math.Pow(ToNumber(a), ToNumber(b))),
            _ => throw new TemplateFunctionException($"unknown operator '{op}'"),
        };
    }

    private static bool In(object? needle, object? haystack) => haystack switch
    {
        string s => s.Contains(ToJsString(needle), StringComparison.Ordinal),
        IList l => l.Cast<object?>().Any(x => StrictEquals(x, needle)),
        IDictionary<string, object?> d => d.ContainsKey(ToJsString(needle)),
        _ => throw new TemplateFunctionException($"cannot use 'in' with {TypeName(haystack)}"),
    };

    private static object? Test(object? nameValue, bool negated, object? v, object? argsValue)
    {
        var args = (List<object?>)ToList(argsValue)!;
        var arg = args.ElementAtOrDefault(0);
        bool result = (string)nameValue! switch
        {
            "defined" => v is not Undefined,
            "undefined" => v is Undefined,
            "none" or "null" => v is null,
            "string" => v is string,
            "number" => IsNumber(v),
            "truthy" => Truthy(v),
            "falsy" => !Truthy(v),
            "odd" => ToNumber(v) % 2 is 1 or -1,
            "even" => ToNumber(v) % 2 == 0,
            "divisibleby" => ToNumber(v) % ToNumber(arg) == 0,
            "equalto" or "eq" or "sameas" => StrictEquals(v, arg),
            "ne" => !StrictEquals(v, arg),
            "lt" or "lessthan" => JsSemantics.Compare(v, arg, r => r < 0),
            "gt" or "greaterthan" => JsSemantics.Compare(v, arg, r => r > 0),
            "le" => JsSemantics.Compare(v, arg, r => r <= 0),
            "ge" => JsSemantics.Compare(v, arg, r => r >= 0),
            "iterable" => v is IList or string,
            "mapping" => v is IDictionary<string, object?>,
            "lower" => v is string s && !s.Any(char.IsUpper),
            "upper" => v is string s2 && !s2.Any(char.IsLower),
            _ => false,
        };
        return negated ? !result : result;
    }
}
