using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.Rendering.Filters;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The one evaluator of expressions, wherever they stand: outputs, tag conditions, loop sources, <c>set</c>s, file
/// names, step inputs and <c>if:</c>. <c>and</c>, <c>or</c> and inline <c>if</c> evaluate only the side they need,
/// as Nunjucks does.
/// </summary>
internal static class ExpressionEvaluator
{
    public static object? Evaluate(Expr expr, IReadOnlyDictionary<string, object?> scope, FilterContext context) => expr switch
    {
        LiteralExpr l => l.Value,
        RegexExpr r => new JsRegex(r.Pattern, r.Flags),
        NameExpr n => scope.TryGetValue(n.Name, out var value) ? value : Undefined.Value,
        MemberExpr m => NunjucksOperations.Get(Evaluate(m.Target, scope, context), m.Member),
        IndexExpr i => NunjucksOperations.Get(Evaluate(i.Target, scope, context), Evaluate(i.Key, scope, context)),
        CallExpr { Callee: NameExpr { Name: ExpressionParser.GroupName } } g => List(g.Arguments, scope, context)[^1],
        CallExpr { Callee: NameExpr { Name: "range" } } c => NunjucksOperations.Range(context, List(c.Arguments, scope, context)),
        CallExpr { Callee: MemberExpr m } c => NunjucksOperations.Method(context, Evaluate(m.Target, scope, context), m.Member, List(c.Arguments, scope, context)),
        FilterExpr f => FilterRegistry.Apply(context, f.Filter, Evaluate(f.Target, scope, context), List(f.Arguments, scope, context)),
        UnaryExpr u => NunjucksOperations.Unary(u.Operator, Evaluate(u.Operand, scope, context)),
        BinaryExpr { Operator: "or" } b => Evaluate(b.Left, scope, context) is var left && Truthy(left) ? left : Evaluate(b.Right, scope, context),
        BinaryExpr { Operator: "and" } b => Evaluate(b.Left, scope, context) is var first && !Truthy(first) ? first : Evaluate(b.Right, scope, context),
        BinaryExpr b => NunjucksOperations.Binary(context, b.Operator, Evaluate(b.Left, scope, context), Evaluate(b.Right, scope, context)),
        ConditionalExpr c => Truthy(Evaluate(c.Condition, scope, context))
            ? Evaluate(c.WhenTrue, scope, context)
            : c.WhenFalse is null ? "" : Evaluate(c.WhenFalse, scope, context),
        TestExpr t => NunjucksOperations.Test(t.Test, t.Negated, Evaluate(t.Target, scope, context), List(t.Arguments, scope, context)),
        ArrayExpr a => List(a.Items, scope, context),
        DictExpr d => NunjucksOperations.ToDict(d.Entries.SelectMany(kv => new[] { Evaluate(kv.Key, scope, context), Evaluate(kv.Value, scope, context) }).ToList()),
        _ => throw new TemplateFunctionException($"unsupported expression {expr.GetType().Name}"),
    };

    private static List<object?> List(IReadOnlyList<Expr> items, IReadOnlyDictionary<string, object?> scope, FilterContext context)
    {
        var list = new List<object?>(items.Count);
        foreach (var item in items) list.Add(Evaluate(item, scope, context));
        return list;
    }
}
