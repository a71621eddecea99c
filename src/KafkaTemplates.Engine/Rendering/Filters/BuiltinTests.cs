using System.Collections;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>nunjitsu's tests (<c>x is odd</c>), each with its fixed number of arguments and its answers on odd inputs.</summary>
internal static class BuiltinTests
{
    private static readonly Dictionary<string, int> Arity = new(StringComparer.Ordinal)
    {
        ["callable"] = 0, ["defined"] = 0, ["divisibleby"] = 1, ["escaped"] = 0, ["eq"] = 1, ["equalto"] = 1, ["even"] = 0,
        ["falsy"] = 0, ["ge"] = 1, ["greaterthan"] = 1, ["gt"] = 1, ["iterable"] = 0, ["le"] = 1, ["lessthan"] = 1,
        ["lower"] = 0, ["lt"] = 1, ["mapping"] = 0, ["ne"] = 1, ["null"] = 0, ["number"] = 0, ["odd"] = 0, ["sameas"] = 1,
        ["string"] = 0, ["truthy"] = 0, ["undefined"] = 0, ["upper"] = 0,
    };

    public static bool IsKnown(string name) => Arity.ContainsKey(name);

    public static IEnumerable<string> Names => Arity.Keys.Order(StringComparer.Ordinal);

    public static void CheckArity(string name, int count)
    {
        if (!Arity.TryGetValue(name, out var expected)) throw new TemplateFunctionException($"unknown test '{name}'");
        if (count != expected)
            throw new TemplateFunctionException($"the test '{name}' takes {expected} argument{(expected == 1 ? "" : "s")}, not {count}");
    }

    public static bool Apply(string name, object? input, IReadOnlyList<object?> args)
    {
        CheckArity(name, args.Count);
        if (name is not ("callable" or "eq" or "equalto" or "sameas" or "ne") && (input is TemplateCallable || args.Any(a => a is TemplateCallable)))
            throw new TemplateFunctionException("a callable value cannot be tested");
        var arg = args.Count > 0 ? args[0] : Undefined.Value;
        return name switch
        {
            "callable" => input is TemplateCallable,
            "defined" => input is not Undefined,
            "divisibleby" => ToNumber(input) % ToNumber(arg) == 0,
            "escaped" => input is SafeString,
            "eq" or "equalto" or "sameas" => StrictEquals(input, arg),
            "ne" => !StrictEquals(input, arg),
            "even" => ToNumber(input) % 2 == 0,
            "odd" => ToNumber(input) % 2 == 1,
            "falsy" => !Truthy(input),
            "truthy" => Truthy(input),
            "ge" => Order(input, arg) >= 0,
            "gt" or "greaterthan" => Order(input, arg) > 0,
            "le" => Order(input, arg) <= 0,
            "lt" or "lessthan" => Order(input, arg) < 0,
            "iterable" => input is null or Undefined
                ? throw new TemplateFunctionException("iterable test requires a value")
                : input is string or SafeString || input is IList && input is not IDictionary<string, object?>,
            "lower" => input is not SafeString && FilterValues.AsText(input) is var lower && string.Equals(JsLower(lower), lower, StringComparison.Ordinal),
            "upper" => input is not SafeString && FilterValues.AsText(input) is var upper && string.Equals(JsUpper(upper), upper, StringComparison.Ordinal),
            "mapping" => input is IDictionary<string, object?> or SafeString or JsRegex,
            "null" => input is null,
            "number" => IsNumber(input),
            "string" => input is string,
            "undefined" => input is Undefined,
            _ => throw new TemplateFunctionException($"unknown test '{name}'"),
        };
    }
}
