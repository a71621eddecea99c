using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.Rendering.Filters;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Finds what would fail in an expression before it runs: filters, tests and functions that do not exist. Loading a
/// template runs this on every expression, so a typo fails at load with its line rather than at render time.
/// </summary>
internal static class ExpressionChecker
{
    /// <summary>The first problem, or null when the expression can run.</summary>
    public static string? Problem(Expr expr) => expr switch
    {
        FilterExpr f when !FilterRegistry.IsKnown(f.Filter) => $"unknown filter '{f.Filter}'; known filters: {string.Join(", ", FilterRegistry.Names)}",
        TestExpr t when !NunjucksOperations.IsKnownTest(t.Test) => $"unknown test 'is {t.Test}'",
        CallExpr { Callee: NameExpr { Name: "range" or ExpressionParser.GroupName } } c => First(c.Arguments),
        CallExpr { Callee: MemberExpr m } c => Problem(m.Target) ?? First(c.Arguments),
        CallExpr c => $"'{Describe(c.Callee)}' is not a function a template can call",
        FilterExpr f => Problem(f.Target) ?? First(f.Arguments),
        TestExpr t => Problem(t.Target) ?? First(t.Arguments),
        MemberExpr m => Problem(m.Target),
        IndexExpr i => Problem(i.Target) ?? Problem(i.Key),
        UnaryExpr u => Problem(u.Operand),
        BinaryExpr b => Problem(b.Left) ?? Problem(b.Right),
        ConditionalExpr c => Problem(c.Condition) ?? Problem(c.WhenTrue) ?? (c.WhenFalse is null ? null : Problem(c.WhenFalse)),
        ArrayExpr a => First(a.Items),
        DictExpr d => First(d.Entries.SelectMany(kv => new[] { kv.Key, kv.Value })),
        _ => null,
    };

    private static string? First(IEnumerable<Expr> items)
    {
        foreach (var item in items)
            if (Problem(item) is { } problem) return problem;
        return null;
    }

    private static string Describe(Expr e) => e switch
    {
        NameExpr n => n.Name,
        MemberExpr m => Describe(m.Target) + "." + m.Member,
        _ => "expression",
    };
}
