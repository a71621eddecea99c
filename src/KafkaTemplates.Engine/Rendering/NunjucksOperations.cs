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
    internal static object? Range(FilterContext context, List<object?> args)
    {
        var start = FilterValues.Arg(args, 0);
        var stop = FilterValues.Arg(args, 1);
        var step = FilterValues.Arg(args, 2);
        if (stop is Undefined)
        {
            stop = start;
            start = 0L;
            step = 1L;
        }
        else if (!Truthy(step)) step = 1L;
        var up = Order(step, 0L) > 0;
        var result = new List<object?>();
        for (var value = start; up ? Order(value, stop) < 0 : Order(value, stop) > 0; value = Add(value, step))
        {
            if (result.Count >= context.Limits.MaxLoopIterations)
                throw new TemplateLimitException($"range() would make more than {context.Limits.MaxLoopIterations} items, the loop limit");
            result.Add(value is string s ? context.Bounded(s) : value);
        }
        return result;
    }

    /// <summary>The few JavaScript string and array methods templates reach for.</summary>
    internal static object? Method(FilterContext context, object? target, string name, List<object?> args)
    {
        string Arg(int i) => i < args.Count ? ToJsString(args[i]) : "undefined";
        if (target is SafeString safe) target = safe.Value;
        return (target, name) switch
        {
            (string s, "toLowerCase") => s.ToLowerInvariant(),
            (string s, "toUpperCase") => s.ToUpperInvariant(),
            (string s, "trim") => JsTrim(s),
            (string s, "trimStart") => JsTrimStart(s),
            (string s, "startsWith") => s.StartsWith(Arg(0), StringComparison.Ordinal),
            (string s, "endsWith") => s.EndsWith(Arg(0), StringComparison.Ordinal),
            (string s, "includes") => s.Contains(Arg(0), StringComparison.Ordinal),
            (string s, "indexOf") => (long)s.IndexOf(Arg(0), StringComparison.Ordinal),
            (string s, "lastIndexOf") => (long)s.LastIndexOf(Arg(0), StringComparison.Ordinal),
            (string s, "split") when args.Count == 0 => new List<object?> { s },
            (string s, "split") when Arg(0).Length == 0 => Filters.FilterValues.Chars(s),
            (string s, "split") => s.Split(Arg(0)).Select(x => (object?)x).ToList(),
            (string s, "replace") => context.Bounded(ReplaceFirst(s, Arg(0), Arg(1))),
            (string s, "concat") => context.Bounded(s + string.Concat(args.Select(ToJsString))),
            (string s, "charAt") => args.Count == 0 ? (s.Length > 0 ? s[..1] : "") : ToNumber(args[0]) is var at && at >= 0 && at < s.Length ? s[(int)at].ToString() : "",
            (string s, "slice") => Slice(s, args),
            (IList l, "includes") => l.Cast<object?>().Any(x => StrictEquals(x, Needle(args)) || x is double dx && double.IsNaN(dx) && Needle(args) is double dn && double.IsNaN(dn)),
            (IList l, "indexOf") => (long)l.Cast<object?>().ToList().FindIndex(x => StrictEquals(x, args.Count == 0 ? Undefined.Value : args[0])),
            (IList l, "join") => context.Bounded(string.Join(args.Count > 0 && args[0] is not Undefined ? ToJsString(args[0]) : ",", l.Cast<object?>().Select(ToOutput))),
            _ => throw new TemplateFunctionException($"'{name}' is not a method a template can call on {TypeName(target)}"),
        };
    }

    private static object? Needle(List<object?> args) => args.Count == 0 ? Undefined.Value : args[0];

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

    internal static object? Unary(string op, object? v) => op switch
    {
        "not" => !Truthy(v),
        "-" => Number(-ToNumber(v)),
        "floor" => Number(Math.Floor(ToNumber(v))),
        _ => Number(ToNumber(v)),
    };

    internal static object? Binary(FilterContext context, string op, object? a, object? b) => op switch
    {
        "==" => LooseEquals(a, b),
        "!=" => !LooseEquals(a, b),
        "===" => StrictEquals(a, b),
        "!==" => !StrictEquals(a, b),
        "<" => Order(a, b) < 0,
        ">" => Order(a, b) > 0,
        "<=" => Order(a, b) <= 0,
        ">=" => Order(a, b) >= 0,
        "in" => In(a, b),
        "~" => context.Bounded(ToJsString(a) + ToJsString(b)),
        "+" => Add(a, b) is string s ? context.Bounded(s) : Add(a, b),
        "-" => Number(ToNumber(a) - ToNumber(b)),
        "*" => Number(ToNumber(a) * ToNumber(b)),
        "/" => Number(ToNumber(a) / ToNumber(b)),
        "%" => Number(ToNumber(a) % ToNumber(b)),
        "**" => Number(Power(ToNumber(a), ToNumber(b))),
        _ => throw new TemplateFunctionException($"unknown operator '{op}'"),
    };

    /// <summary>JavaScript's <c>**</c>: like Math.Pow, except that 1 ** NaN and ±1 ** ±Infinity are NaN.</summary>
    private static double Power(double x, double y) =>
        double.IsNaN(y) || (Math.Abs(x) == 1 && double.IsInfinity(y)) ? double.NaN : Math.Pow(x, y);

    private static bool In(object? needle, object? haystack) => haystack switch
    {
        string s => s.Contains(ToJsString(needle), StringComparison.Ordinal),
        SafeString => ToJsString(needle) is "length" or "val",
        IDictionary<string, object?> d => d.ContainsKey(ToJsString(needle)),
        IList l => l.Cast<object?>().Any(x => StrictEquals(x, needle)),
        _ => throw new TemplateFunctionException($"'in' needs a list, an object or a string, not {TypeName(haystack)}"),
    };
}
