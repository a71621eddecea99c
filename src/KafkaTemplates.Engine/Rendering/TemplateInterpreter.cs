using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Rendering.Filters;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Runs a parsed template: one tree walk over the nodes, every expression through <see cref="ExpressionEvaluator"/>,
/// so file contents, file names, step inputs and <c>if:</c> share one set of rules. Output is appended exactly as the
/// nodes say, with no re-indentation, and every sandbox limit is checked here or in the operations it calls.
/// </summary>
internal sealed class TemplateInterpreter
{
    private readonly string _sourceName;
    private readonly RenderLimits _limits;
    private readonly RenderBudget _budget;
    private readonly FilterContext _context;
    private readonly StringBuilder _output = new();
    private int _depth;

    private TemplateInterpreter(string sourceName, RenderBudget budget)
    {
        _sourceName = sourceName;
        _budget = budget;
        _limits = budget.Limits;
        _context = new FilterContext(budget);
    }

    public static string Render(IReadOnlyList<TemplateNode> nodes, string sourceName, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        var interpreter = new TemplateInterpreter(sourceName, budget);
        interpreter.RenderNodes(nodes, new TemplateScope(values));
        return interpreter._output.ToString();
    }

    public static object? Evaluate(OutputNode node, string sourceName, IReadOnlyDictionary<string, object?> values, RenderBudget budget) =>
        new TemplateInterpreter(sourceName, budget).Evaluate(node.Expression, node.Line, values);

    private void RenderNodes(IReadOnlyList<TemplateNode> nodes, TemplateScope scope)
    {
        if (++_depth > _limits.MaxRecursion)
            throw new RenderLimitException(_sourceName, nodes.Count > 0 ? nodes[0].Line : 0,
                $"the template nests deeper than {_limits.MaxRecursion} levels, the sandbox's limit");
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    Append(text.Text, text.Line);
                    break;
                case OutputNode output:
                    Append(ToOutput(Evaluate(output.Expression, output.Line, scope)), output.Line);
                    break;
                case IfNode branches:
                    RenderIf(branches, scope);
                    break;
                case ForNode loop:
                    RenderFor(loop, scope);
                    break;
                case SetNode set:
                    scope.Assign(set.Name, Evaluate(set.Value, set.Line, scope));
                    break;
                default:
                    throw new InvalidOperationException($"unknown template node {node.GetType().Name}");
            }
        }
        _depth--;
    }

    private void RenderIf(IfNode node, TemplateScope scope)
    {
        foreach (var (condition, body) in node.Branches)
        {
            if (!Truthy(Evaluate(condition, node.Line, scope))) continue;
            RenderNodes(body, scope);
            return;
        }
        if (node.Else is not null) RenderNodes(node.Else, scope);
    }

    private void RenderFor(ForNode node, TemplateScope scope)
    {
        var iterable = Evaluate(node.Iterable, node.Line, scope);
        var (items, length) = LoopItems(iterable, node.Names.Count);
        var loopScope = scope.Child();
        for (var index = 0; index < items.Count; index++)
        {
            if (index >= _limits.MaxLoopIterations)
                throw new RenderLimitException(_sourceName, node.Line, $"a loop ran more than {_limits.MaxLoopIterations} times, the sandbox's limit");
            Charge(node.Line, () => _budget.Check());
            BindTargets(node.Names, items[index], iterable is IDictionary<string, object?> && node.Names.Count > 1, loopScope);
            loopScope.Define("loop", LoopRecord(index, length));
            RenderNodes(node.Body, loopScope);
        }
        if (node.Else is not null && !Truthy(length)) RenderNodes(node.Else, loopScope);
    }

    /// <summary>
    /// What nunjitsu iterates: a list's items, a string's UTF-16 code units, and for one target over an object the
    /// items at 0..length-1 (none, unless it has a length); for two targets over an object its key/value pairs.
    /// </summary>
    private static (List<object?> Items, object? Length) LoopItems(object? value, int targets)
    {
        // Objects first: OrderedDictionary is also an IList of its pairs.
        switch (value)
        {
            case string s when targets == 1:
                return (s.Select(c => (object?)c.ToString()).ToList(), (double)s.Length);
            case IDictionary<string, object?> record when targets > 1:
                var pairs = record.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList();
                return (pairs, (double)pairs.Count);
            case IDictionary<string, object?> record:
                var length = record.TryGetValue("length", out var l) ? l : Undefined.Value;
                var count = ToNumber(length);
                var items = new List<object?>();
                for (var i = 0; i < count && i < int.MaxValue; i++)
                    items.Add(record.TryGetValue(i.ToString(System.Globalization.CultureInfo.InvariantCulture), out var item) ? item : Undefined.Value);
                return (items, length);
            case IList list:
                return (list.Cast<object?>().ToList(), (double)list.Count);
            default:
                return ([], Undefined.Value);
        }
    }

    private static void BindTargets(IReadOnlyList<string> names, object? item, bool pair, TemplateScope scope)
    {
        if (names.Count == 1)
        {
            scope.Define(names[0], item);
            return;
        }
        for (var i = 0; i < names.Count && (!pair || i < 2); i++)
            scope.Define(names[i], NunjucksOperations.Get(item, (double)i));
    }

    private static OrderedDictionary<string, object?> LoopRecord(int index, object? length)
    {
        var n = ToNumber(length);
        return new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["index"] = Number(index + 1),
            ["index0"] = Number(index),
            ["revindex"] = Number(n - index),
            ["revindex0"] = Number(n - index - 1),
            ["first"] = index == 0,
            ["last"] = index == n - 1,
            ["length"] = length is double d ? Number(d) : length,
        };
    }

    /// <summary>Every piece of output passes here: the file's own limit, then the run's budget.</summary>
    private void Append(string text, int line)
    {
        _output.Append(text);
        if (_output.Length > _limits.MaxOutputChars)
            throw new RenderLimitException(_sourceName, line, $"the output grew past {_limits.MaxOutputChars} characters, the sandbox's limit");
        Charge(line, () => _budget.Spend(text.Length));
    }

    private void Charge(int line, Action draw)
    {
        try
        {
            draw();
        }
        catch (TemplateLimitException e)
        {
            throw new RenderLimitException(_sourceName, line, e.Message);
        }
    }

    private object? Evaluate(Expressions.Expr expression, int line, IReadOnlyDictionary<string, object?> scope)
    {
        try
        {
            _budget.Check();
            return ExpressionEvaluator.Evaluate(expression, scope, _context);
        }
        catch (TemplateLimitException e)
        {
            throw new RenderLimitException(_sourceName, line, e.Message);
        }
        catch (TemplateFunctionException e)
        {
            throw new RenderException(_sourceName, line, e.Message);
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new RenderLimitException(_sourceName, line, _budget.RegexTimeoutMessage(e.MatchTimeout));
        }
    }
}
