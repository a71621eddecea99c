namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A template parsed once and rendered many times (every file of every repo of a fleet): the text itself when it has
/// nothing to render, else its nodes, which <see cref="TemplateInterpreter"/> walks.
/// </summary>
internal sealed class CompiledTemplate
{
    private CompiledTemplate(string sourceName, string? plainText, IReadOnlyList<TemplateNode> nodes)
    {
        SourceName = sourceName;
        PlainText = plainText;
        Nodes = nodes;
    }

    public string SourceName { get; }

    /// <summary>Set when the text has nothing to render; it is then returned as it is.</summary>
    public string? PlainText { get; }

    public IReadOnlyList<TemplateNode> Nodes { get; }

    /// <summary>Set when the whole text is one <c>${{ }}</c>, which Backstage evaluates to a typed value.</summary>
    public OutputNode? SingleOutput => Nodes is [OutputNode single] ? single : null;

    public static CompiledTemplate Compile(string text, string sourceName, IReadOnlySet<string>? knownRoots)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return new(sourceName, text, []);
        var nodes = NunjucksTemplateParser.Parse(text, sourceName, knownRoots);
        if (nodes.All(n => n is TextNode)) return new(sourceName, string.Concat(nodes.Cast<TextNode>().Select(t => t.Text)), []);
        // Backstage reports an unknown filter or test only when it is reached, so rendering does too; the load-time
        // check (knownRoots given) points at every one, reached or not.
        if (knownRoots is not null)
            foreach (var (expression, line) in Expressions(nodes))
                if (ExpressionChecker.Problem(expression) is { } problem) throw new RenderException(sourceName, line, problem);
        return new(sourceName, null, nodes);
    }

    /// <summary>Every expression of the template, tags' included, so a typo fails at load with its line.</summary>
    private static IEnumerable<(Expressions.Expr Expression, int Line)> Expressions(IEnumerable<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            var children = node switch
            {
                OutputNode { Expression: Expressions.FilterExpr { Target: CaptureExpr capture } filter } =>
                    Expressions(capture.Body).Concat(filter.Arguments.Select(a => (a, node.Line))),
                OutputNode output => [(output.Expression, output.Line)],
                SetNode set => set.Value is not null ? [(set.Value, set.Line)] : Expressions(set.Body ?? []),
                IfNode branches => branches.Branches.SelectMany(b => Expressions(b.Body).Prepend((b.Condition, branches.Line)))
                    .Concat(Expressions(branches.Else ?? [])),
                ForNode loop => Expressions(loop.Body).Concat(Expressions(loop.Else ?? [])).Prepend((loop.Iterable, loop.Line)),
                MacroNode macro => Expressions(macro.Body).Concat(macro.Parameters.Select(p => (p, macro.Line))),
                CallBlockNode call => Expressions(call.Body).Prepend(((Expressions.Expr)call.Call, call.Line)),
                SwitchNode choice => choice.Cases.SelectMany(c => Expressions(c.Body).Prepend((c.Condition, choice.Line)))
                    .Concat(Expressions(choice.Default ?? [])).Prepend((choice.Subject, choice.Line)),
                BlockNode block => Expressions(block.Body),
                _ => [],
            };
            foreach (var child in children) yield return child;
        }
    }
}
