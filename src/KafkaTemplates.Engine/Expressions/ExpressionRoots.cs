namespace KafkaTemplates.Engine.Expressions;

/// <summary>The root names an expression reads (<c>parameters</c> in <c>parameters.name | lower</c>).</summary>
internal static class ExpressionRoots
{
    /// <summary>Names of functions callable without a root; they never count as values.</summary>
    public static readonly IReadOnlySet<string> Functions = new HashSet<string>(StringComparer.Ordinal) { "range", "cycler", "joiner" };

    public static IReadOnlySet<string> Free(Expr expr)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        Collect(expr, names);
        return names;
    }

    private static void Collect(Expr e, HashSet<string> names)
    {
        switch (e)
        {
            case NameExpr n: names.Add(n.Name); break;
            case MemberExpr m: Collect(m.Target, names); break;
            case IndexExpr i: Collect(i.Target, names); Collect(i.Key, names); break;
            case CallExpr c:
                if (c.Callee is NameExpr fn && Functions.Contains(fn.Name)) { }
                else Collect(c.Callee, names);
                foreach (var a in c.Arguments) Collect(a, names);
                break;
            case FilterExpr f: Collect(f.Target, names); foreach (var a in f.Arguments) Collect(a, names); break;
            case UnaryExpr u: Collect(u.Operand, names); break;
            case BinaryExpr b: Collect(b.Left, names); Collect(b.Right, names); break;
            case ConditionalExpr c:
                Collect(c.Condition, names);
                Collect(c.WhenTrue, names);
                if (c.WhenFalse is not null) Collect(c.WhenFalse, names);
                break;
            case TestExpr t: Collect(t.Target, names); foreach (var a in t.Arguments) Collect(a, names); break;
            case ArrayExpr a: foreach (var x in a.Items) Collect(x, names); break;
            case DictExpr d: foreach (var (k, v) in d.Entries) { Collect(k, names); Collect(v, names); } break;
        }
    }
}
