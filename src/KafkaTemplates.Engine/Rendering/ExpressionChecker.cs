using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.Rendering.Filters;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Finds what would fail in an expression before it runs: filters, tests and functions that do not exist. Loading a
/// template runs this on every expression, so a typo fails at load with its line rather than at render time.
/// </summary>
internal static class ExpressionChecker
{
    /// <summary>The first problem, or null when the expression can run. Calls are checked when they run: a macro or
    /// a set variable may be called, so only names and members nunjitsu cannot know are left to the render.</summary>
    public static string? Problem(Expr expr) => expr switch
    {
        FilterExpr f when !FilterRegistry.IsKnown(f.Filter) => $"unknown filter '{f.Filter}'; Backstage has these: {string.Join(", ", FilterRegistry.Names)}",
        TestExpr t when !BuiltinTests.IsKnown(t.Test) => $"unknown test 'is {t.Test}'; the tests are {string.Join(", ", BuiltinTests.Names)}",
        CallExpr c => Problem(c.Callee) ?? First(c.Arguments),
        KeywordArgExpr k => Problem(k.Value),
        SliceExpr s => Problem(s.Start) ?? Problem(s.Stop) ?? Problem(s.Step),
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
}
