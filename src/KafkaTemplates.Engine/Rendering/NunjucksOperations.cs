using System.Collections;
using KafkaTemplates.Engine.Rendering.Filters;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// What Nunjucks' operators, member access, loops' helpers, tests and the few callable methods mean, with
/// JavaScript's rules, as <see cref="ExpressionEvaluator"/> and <see cref="TemplateInterpreter"/> call them.
/// </summary>
internal static class NunjucksOperations
{
    private static readonly HashSet<string> Tests =
    [
        "defined", "undefined", "none", "null", "string", "number", "truthy", "falsy", "odd", "even", "divisibleby",
        "equalto", "eq", "sameas", "ne", "lt", "lessthan", "gt", "greaterthan", "le", "ge", "iterable", "mapping",
        "lower", "upper", "callable", "escaped",
    ];

    public static bool IsKnownTest(string name) => Tests.Contains(name);

    internal static object? ToList(object? v) => v switch
    {
        List<object?> list => list,
        IList list => list.Cast<object?>().ToList(),
        _ => new List<object?>(),
    };

    internal static object? ToDict(object? v)
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

    internal static object? Range(FilterContext context, object? argsValue)
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
        if (count > context.Limits.MaxLoopIterations)
            throw new TemplateLimitException($"range() would make {count} items, more than the loop limit of {context.Limits.MaxLoopIterations}");
        var result = new List<object?>();
        for (var i = 0; i < count; i++) result.Add(Number(start + i * step));
        return result;
    }

    /// <summary>The few JavaScript string and array methods templates reach for.</summary>
    internal static object? Method(FilterContext context, object? target, object? nameValue, object? argsValue)
    {
        var name = (string)nameValue!;
        var args = (List<object?>)ToList(argsValue)!;
        var limits = context;
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

    internal static object? Unary(object? op, object? v) => (string)op! switch
    {
        "not" => !Truthy(v),
        "-" => Number(-ToNumber(v)),
        "floor" => Number(Math.Floor(ToNumber(v))),
        _ => Number(ToNumber(v)),
    };

    internal static object? Binary(FilterContext context, object? opValue, object? a, object? b)
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
            "~" => context.Bounded(ToOutput(a) + ToOutput(b)),
            "+" => Add(a, b) is string s ? context.Bounded(s) : Add(a, b),
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

    internal static object? Test(object? nameValue, bool negated, object? v, object? argsValue)
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
