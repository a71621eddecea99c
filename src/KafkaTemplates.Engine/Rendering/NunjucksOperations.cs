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
        "**" => Number(JavaScriptMath.Pow(ToNumber(a), ToNumber(b))),
        _ => throw new TemplateFunctionException($"unknown operator '{op}'"),
    };

    private static bool In(object? needle, object? haystack) => haystack switch
    {
        string s => s.Contains(ToJsString(needle), StringComparison.Ordinal),
        SafeString => ToJsString(needle) is "length" or "val",
        IDictionary<string, object?> d => d.ContainsKey(ToJsString(needle)),
        IList l => l.Cast<object?>().Any(x => StrictEquals(x, needle)),
        _ => throw new TemplateFunctionException($"'in' needs a list, an object or a string, not {TypeName(haystack)}"),
    };
}
