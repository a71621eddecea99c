using System.Collections;
using KafkaTemplates.Engine.Rendering.Filters;
using Scriban;
using Scriban.Runtime;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The functions translated templates call, bound to <see cref="NunjucksOperations"/>. Scriban passes the
/// <see cref="TemplateContext"/> first, which gives each call the limits and constants of its own render; the table
/// itself is shared and read-only.
/// </summary>
internal static class NunjucksRuntime
{
    public static readonly ScriptObject Functions = Build();

    private static ScriptObject Build()
    {
        var o = new ScriptObject();
        o.Import("f_k", new Func<TemplateContext, int, object?>((c, i) => Ctx(c).Constants[i]));
        o.Import("f_out", new Func<TemplateContext, object?, string>((c, v) => ToOutput(v)));
        o.Import("f_truthy", new Func<object?, bool>(Truthy));
        o.Import("f_undefined", new Func<object?>(() => Undefined.Value));
        o.Import("f_list", new Func<object?, object?>(NunjucksOperations.ToList));
        o.Import("f_dict", new Func<object?, object?>(NunjucksOperations.ToDict));
        o.Import("f_get", new Func<object?, object?, object?>(NunjucksOperations.Get));
        o.Import("f_at", new Func<object?, int, object?>((l, i) => l is IList list && i < list.Count ? list[i] : Undefined.Value));
        o.Import("f_iter", new Func<object?, object?>(NunjucksOperations.Iterate));
        o.Import("f_pairs", new Func<object?, object?>(NunjucksOperations.Pairs));
        o.Import("f_empty", new Func<object?, bool>(v => v is not IList { Count: > 0 }));
        o.Import("f_loop", new Func<int, int, object?>(NunjucksOperations.Loop));
        o.Import("f_range", new Func<TemplateContext, object?, object?>((c, a) => NunjucksOperations.Range(Ctx(c).Filters, a)));
        o.Import("f_method", new Func<TemplateContext, object?, object?, object?, object?>((c, t, n, a) => NunjucksOperations.Method(Ctx(c).Filters, t, n, a)));
        o.Import("f_filter", new Func<TemplateContext, object?, object?, object?, object?>((c, name, v, args) =>
            FilterRegistry.Apply(Ctx(c).Filters, (string)name!, v, (IReadOnlyList<object?>)NunjucksOperations.ToList(args)!)));
        o.Import("f_unary", new Func<object?, object?, object?>(NunjucksOperations.Unary));
        o.Import("f_binary", new Func<TemplateContext, object?, object?, object?, object?>((c, op, a, b) => NunjucksOperations.Binary(Ctx(c).Filters, op, a, b)));
        o.Import("f_cond", new Func<object?, object?, object?, object?>((c, a, b) => Truthy(c) ? a : b));
        o.Import("f_test", new Func<object?, bool, object?, object?, object?>(NunjucksOperations.Test));
        return o;
    }

    private static NunjucksContext Ctx(TemplateContext c) => (NunjucksContext)c;
}
