using System.Globalization;
using System.Text;
using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Turns parsed Nunjucks into Scriban script. Scriban runs the control flow, scoping and limits; every operator
/// and filter is a call into <see cref="NunjucksRuntime"/> so JavaScript semantics hold. Literals go into a
/// constants table rather than into the script, so no value can ever be read as Scriban code.
/// </summary>
internal sealed class ScribanTranslator
{
    private readonly StringBuilder _script = new();
    private readonly List<object?> _constants = [];
    private readonly List<(int Offset, int Line)> _lineMap = [];
    private readonly string _sourceName;
    private int _temp;
    private int _loopDepth;

    private ScribanTranslator(string sourceName) => _sourceName = sourceName;

    public static (string Script, IReadOnlyList<object?> Constants, IReadOnlyList<(int Offset, int Line)> LineMap) Translate(
        IReadOnlyList<TemplateNode> nodes, string sourceName)
    {
        var t = new ScribanTranslator(sourceName);
        t.EmitNodes(nodes);
        return (t._script.ToString(), t._constants, t._lineMap);
    }

    private void Map(int line) => _lineMap.Add((_script.Length, line));

    private void EmitNodes(IReadOnlyList<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    EmitText(text.Text);
                    break;
                case OutputNode output:
                    Map(output.Line);
                    _script.Append("{{f_out(").Append(Emit(output.Expression, output.Line)).Append(")}}");
                    break;
                case IfNode ifNode:
                    for (var i = 0; i < ifNode.Branches.Count; i++)
                    {
                        var (condition, body) = ifNode.Branches[i];
                        Map(ifNode.Line);
                        _script.Append(i == 0 ? "{{if f_truthy(" : "{{else if f_truthy(").Append(Emit(condition, ifNode.Line)).Append(")}}");
                        EmitNodes(body);
                    }
                    if (ifNode.Else is not null)
                    {
                        _script.Append("{{else}}");
                        EmitNodes(ifNode.Else);
                    }
                    _script.Append("{{end}}");
                    break;
                case ForNode forNode:
                    EmitFor(forNode);
                    break;
                case SetNode set:
                    Map(set.Line);
                    _script.Append("{{").Append(Variable(set.Name)).Append('=').Append(Emit(set.Value, set.Line)).Append("}}");
                    break;
            }
        }
    }

    private void EmitFor(ForNode node)
    {
        Map(node.Line);
        var items = "t_items" + (_temp++).ToString(CultureInfo.InvariantCulture);
        var twoNames = node.Names.Count >= 2;
        _script.Append("{{").Append(items).Append('=').Append(twoNames ? "f_pairs(" : "f_iter(").Append(Emit(node.Iterable, node.Line)).Append(")}}");
        if (node.Else is not null)
        {
            _script.Append("{{if f_empty(").Append(items).Append(")}}");
            EmitNodes(node.Else);
            _script.Append("{{else}}");
        }
        var item = "t_item" + (_temp++).ToString(CultureInfo.InvariantCulture);
        _script.Append("{{for ").Append(twoNames ? item : Variable(node.Names[0])).Append(" in ").Append(items).Append("}}");
        if (twoNames)
        {
            _script.Append("{{").Append(Variable(node.Names[0])).Append("=f_at(").Append(item).Append(",0);")
                .Append(Variable(node.Names[1])).Append("=f_at(").Append(item).Append(",1)}}");
        }
        _loopDepth++;
        EmitNodes(node.Body);
        _loopDepth--;
        _script.Append("{{end}}");
        if (node.Else is not null) _script.Append("{{end}}");
    }

    /// <summary>Text goes inside a Scriban escape block whose closing fence does not occur in the text.</summary>
    private void EmitText(string text)
    {
        if (text.Length == 0) return;
        if (!text.Contains('{'))
        {
            _script.Append(text);
            return;
        }
        var fence = "%";
        while ((text + "}" + fence + "}").IndexOf("}" + fence + "}", StringComparison.Ordinal) != text.Length) fence += "%";
        _script.Append('{').Append(fence).Append('{').Append(text).Append('}').Append(fence).Append('}');
    }

    private string Constant(object? value)
    {
        _constants.Add(value);
        return "f_k(" + (_constants.Count - 1).ToString(CultureInfo.InvariantCulture) + ")";
    }

    private static string Variable(string name)
    {
        var sb = new StringBuilder("v_");
        foreach (var c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '_') sb.Append(c);
            else sb.Append("_x").Append(((int)c).ToString("x", CultureInfo.InvariantCulture)).Append('_');
        }
        return sb.ToString();
    }

    private string List(IEnumerable<Expr> items, int line) => "f_list([" + string.Join(",", items.Select(i => Emit(i, line))) + "])";

    private string Emit(Expr e, int line) => e switch
    {
        LiteralExpr l => Constant(l.Value),
        RegexExpr r => Constant(new JsRegex(r.Pattern, r.Flags)),
        NameExpr { Name: "loop" } when _loopDepth > 0 => "f_loop(for.index,for.rindex)",
        NameExpr n => Variable(n.Name),
        MemberExpr m => $"f_get({Emit(m.Target, line)},{Constant(m.Member)})",
        IndexExpr i => $"f_get({Emit(i.Target, line)},{Emit(i.Key, line)})",
        CallExpr { Callee: NameExpr { Name: "range" } } c => $"f_range({List(c.Arguments, line)})",
        CallExpr { Callee: MemberExpr m } c => $"f_method({Emit(m.Target, line)},{Constant(m.Member)},{List(c.Arguments, line)})",
        CallExpr or FilterExpr or TestExpr when ExpressionChecker.Problem(e) is { } problem => throw new RenderException(_sourceName, line, problem),
        FilterExpr f => $"f_filter({Constant(f.Filter)},{Emit(f.Target, line)},{List(f.Arguments, line)})",
        UnaryExpr u => $"f_unary({Constant(u.Operator)},{Emit(u.Operand, line)})",
        BinaryExpr b => $"f_binary({Constant(b.Operator)},{Emit(b.Left, line)},{Emit(b.Right, line)})",
        ConditionalExpr c => $"f_cond({Emit(c.Condition, line)},{Emit(c.WhenTrue, line)},{(c.WhenFalse is null ? "f_undefined()" : Emit(c.WhenFalse, line))})",
        TestExpr t => $"f_test({Constant(t.Test)},{(t.Negated ? "true" : "false")},{Emit(t.Target, line)},{List(t.Arguments, line)})",
        ArrayExpr a => List(a.Items, line),
        DictExpr d => "f_dict(" + List(d.Entries.SelectMany(kv => new[] { kv.Key, kv.Value }), line) + ")",
        _ => throw new RenderException(_sourceName, line, $"unsupported expression {e.GetType().Name}"),
    };
}
