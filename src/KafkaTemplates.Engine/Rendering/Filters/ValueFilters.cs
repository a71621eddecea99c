using System.Globalization;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>Filters that convert or default a value.</summary>
internal static class ValueFilters
{
    public static void Register(Dictionary<string, Filter> f)
    {
        // default(x, fallback, boolean): without the flag only undefined is replaced, as in Nunjucks.
        f["default"] = (_, v, a) => Truthy(FilterRegistry.Arg(a, 1)) ? (Truthy(v) ? v : FilterRegistry.Arg(a, 0)) : (v is Undefined ? FilterRegistry.Arg(a, 0) : v);
        f["d"] = f["default"];
        f["dump"] = Dump;
        f["string"] = (_, v, _) => ToOutput(v);
        f["safe"] = (_, v, _) => v;
        f["escape"] = (_, v, _) => System.Net.WebUtility.HtmlEncode(StringFilters.Text(v));
        f["e"] = f["escape"];
        f["int"] = (_, v, a) =>
        {
            var d = ToNumber(v is string s ? s.Trim().Split('.')[0] : v);
            return double.IsNaN(d) ? (IsNullish(FilterRegistry.Arg(a, 0)) ? 0L : FilterRegistry.Arg(a, 0)) : (object)(long)Math.Truncate(d);
        };
        f["float"] = (_, v, a) =>
        {
            var d = ToNumber(v);
            return double.IsNaN(d) ? (IsNullish(FilterRegistry.Arg(a, 0)) ? 0L : FilterRegistry.Arg(a, 0)) : Number(d);
        };
        f["abs"] = (_, v, _) => Number(Math.Abs(ToNumber(v)));
        f["round"] = (_, v, a) =>
        {
            var digits = IsNullish(FilterRegistry.Arg(a, 0)) ? 0 : (int)ToNumber(a[0]);
            var method = IsNullish(FilterRegistry.Arg(a, 1)) ? "common" : ToJsString(a[1]);
            var factor = Math.Pow(10, digits);
            var x = ToNumber(v) * factor;
            x = method switch { "ceil" => Math.Ceiling(x), "floor" => Math.Floor(x), _ => Math.Round(x, MidpointRounding.AwayFromZero) };
            return Number(x / factor);
        };
    }

    private static object? Dump(FilterContext c, object? value, IReadOnlyList<object?> args)
    {
        var spaces = FilterRegistry.Arg(args, 0);
        string? indent = spaces switch
        {
            string s => s,
            _ when IsNumber(spaces) => new string(' ', Math.Clamp((int)ToNumber(spaces), 0, 10)),
            _ => null,
        };
        if (value is Undefined) return Undefined.Value;
        return c.Bounded(Stringify(value, string.IsNullOrEmpty(indent) ? null : indent));
    }

    internal static string Invariant(long l) => l.ToString(CultureInfo.InvariantCulture);
}
