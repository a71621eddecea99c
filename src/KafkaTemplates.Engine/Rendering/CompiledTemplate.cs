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

    /// <summary>The names tied to lexical slots, planned once per compiled text.</summary>
    public CompiledFramePlan Plan => (_plan ??= LexicalSlotPlanner.Plan(Nodes)).Plan;

    /// <summary>
    /// True when the text may change a list in place; it then renders on its own copy of the values, as nunjitsu does
    /// for every render from one prepared context (Backstage's fetch:template renders every file from one).
    /// </summary>
    public bool MayMutateValues => (_plan ??= LexicalSlotPlanner.Plan(Nodes)).MayMutateValues;

    private (CompiledFramePlan Plan, bool MayMutateValues)? _plan;

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

    /// <summary>
    /// Every line of the text that Backstage would refuse or render differently from what its author likely meant: a
    /// parse error (one, as it stops the file), each expression naming a root other than <paramref name="knownRoots"/>
    /// (Backstage renders it as nothing) and each unknown filter or test (Backstage fails when it is reached).
    /// </summary>
    public static List<(int Line, string Problem)> Lint(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        var found = new List<(int, string)>();
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return found;
        List<TemplateNode> nodes;
        try
        {
            nodes = NunjucksTemplateParser.Parse(text, sourceName, null);
        }
        catch (RenderException e)
        {
            var fix = e.Problem.Contains("copyWithoutTemplating", StringComparison.Ordinal) ? "" : "; " + NunjucksTemplateParser.UseRawOrCopy;
            found.Add((e.Line, "Backstage refuses this file: " + e.Problem + fix));
            return found;
        }
        var bound = new HashSet<string>(KafkaTemplates.Engine.Expressions.ExpressionRoots.Functions, StringComparer.Ordinal) { "loop", "caller" };
        Bound(nodes, bound);
        foreach (var (expression, line) in Expressions(nodes))
        {
            foreach (var root in KafkaTemplates.Engine.Expressions.ExpressionRoots.Free(expression).Order(StringComparer.Ordinal))
                if (!knownRoots.Contains(root) && !bound.Contains(root))
                    found.Add((line, $"'{root}' is none of the values here ({string.Join(", ", knownRoots.Order(StringComparer.Ordinal))}), so Backstage renders it as nothing; " +
                                     NunjucksTemplateParser.UseRawOrCopy));
            if (ExpressionChecker.Problem(expression) is { } problem) found.Add((line, problem + "; Backstage fails when it reaches it"));
        }
        return found;
    }

    private static void Bound(IEnumerable<TemplateNode> nodes, HashSet<string> names)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case SetNode set: names.UnionWith(set.Names); Bound(set.Body ?? [], names); break;
                case ForNode loop: names.UnionWith(loop.Names); Bound(loop.Body, names); Bound(loop.Else ?? [], names); break;
                case MacroNode macro:
                    names.Add(macro.Name);
                    names.UnionWith(macro.Parameters.Select(p => p is KafkaTemplates.Engine.Expressions.KeywordArgExpr k ? k.Name : ((KafkaTemplates.Engine.Expressions.NameExpr)p).Name));
                    Bound(macro.Body, names);
                    break;
                case CallBlockNode call:
                    names.UnionWith(call.CallerParameters.Select(p => p is KafkaTemplates.Engine.Expressions.KeywordArgExpr k ? k.Name : ((KafkaTemplates.Engine.Expressions.NameExpr)p).Name));
                    Bound(call.Body, names);
                    break;
                case IfNode branches: foreach (var (_, body) in branches.Branches) Bound(body, names); Bound(branches.Else ?? [], names); break;
                case SwitchNode choice: foreach (var (_, body) in choice.Cases) Bound(body, names); Bound(choice.Default ?? [], names); break;
                case BlockNode block: Bound(block.Body, names); break;
                case OutputNode { Expression: KafkaTemplates.Engine.Expressions.FilterExpr { Target: CaptureExpr capture } }: Bound(capture.Body, names); break;
            }
        }
    }

    /// <summary>Every expression of the template, tags' included, so a typo fails at load with its line.</summary>
    private static IEnumerable<(Expressions.Expr Expression, int Line)> Expressions(IEnumerable<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            var children = node switch
            {
                OutputNode { Expression: KafkaTemplates.Engine.Expressions.FilterExpr { Target: CaptureExpr capture } filter } =>
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
