using System.Collections;
using System.Text;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Expressions;
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
    private readonly ExpressionEvaluator _evaluator;
    private StringBuilder _output = new();
    private int _written;
    private int _depth;

    private TemplateInterpreter(string sourceName, RenderBudget budget)
    {
        _sourceName = sourceName;
        _budget = budget;
        _limits = budget.Limits;
        _evaluator = new ExpressionEvaluator(this, new FilterContext(budget));
    }

    public static string Render(CompiledTemplate template, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        var interpreter = new TemplateInterpreter(template.SourceName, budget);
        interpreter.RenderNodes(template.Nodes, TemplateScope.Root(template.MayMutateValues ? PlainValues.Copy(values) : values, template.Plan));
        return interpreter._output.ToString();
    }

    public static object? Evaluate(CompiledTemplate template, OutputNode node, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        var sourceName = template.SourceName;
        var interpreter = new TemplateInterpreter(sourceName, budget);
        var value = interpreter.Evaluate(node.Expression, node.Line, TemplateScope.Root(template.MayMutateValues ? PlainValues.Copy(values) : values, template.Plan));
        if (value is TemplateCallable) throw new RenderException(sourceName, node.Line, "a macro or other callable value cannot be a step input");
        return value is SafeString safe ? safe.Value : value;
    }

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
                    var value = Evaluate(output.Expression, output.Line, scope);
                    if (value is TemplateCallable) throw new RenderException(_sourceName, output.Line, "a macro or other callable value cannot be printed; call it");
                    Append(ToOutput(value), output.Line);
                    break;
                case IfNode branches:
                    RenderIf(branches, scope);
                    break;
                case ForNode loop:
                    RenderFor(loop, scope);
                    break;
                case SetNode set:
                    var assigned = set.Value is not null ? Evaluate(set.Value, set.Line, scope) : Capture(set.Body!, scope);
                    for (var i = 0; i < set.Names.Count; i++)
                    {
                        scope.Frame.Assign(set.Names[i], assigned);
                        if (scope.Lexical.Plan.Slot(TargetKey.Of(set, i)) is { } slot) scope.Lexical.Frame.Set(slot, assigned);
                        if (scope.Lexical.ExportsAssignments) scope.Lexical.InvocationScope.Set(set.Names[i], assigned);
                    }
                    break;
                case MacroNode macro:
                    DeclareMacro(macro, scope.Lexical);
                    break;
                case CallBlockNode call:
                    RenderCall(call, scope);
                    break;
                case SwitchNode choice:
                    RenderSwitch(choice, scope);
                    break;
                case BlockNode block:
                    var blockPlan = scope.Lexical.Plan.BlockFrame(block);
                    RenderNodes(block.Body, new TemplateScope(scope.Frame.Child(isolateWrites: true),
                        scope.Lexical with { Frame = new LexicalFrame(blockPlan.Slots), Plan = blockPlan.Scope, ExportsMacros = true, ExportsAssignments = false }));
                    break;
                default:
                    throw new InvalidOperationException($"unknown template node {node.GetType().Name}");
            }
        }
        _depth--;
    }

    /// <summary>A macro lives in its slot; at the top level, in a block or in a macro's body it is also exported to the frame macros read.</summary>
    private static void DeclareMacro(MacroNode macro, LexicalContext lexical)
    {
        var callable = new MacroCallable(macro, macro.Parameters, macro.Body, lexical.InvocationScope, lexical.Plan.CallableFrame(macro), null, lexical.InvocationScope);
        lexical.Frame.Set(lexical.Plan.Slot(macro) ?? throw new InvalidOperationException($"no lexical slot for the macro {macro.Name}"), callable);
        if (lexical.ExportsMacros) lexical.InvocationScope.Set(macro.Name, callable);
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

    private void RenderSwitch(SwitchNode node, TemplateScope scope)
    {
        var subject = Evaluate(node.Subject, node.Line, scope);
        var matched = false;
        foreach (var (condition, body) in node.Cases)
        {
            if (!matched && !StrictEquals(subject, Evaluate(condition, node.Line, scope))) continue;
            matched = true;
            // An empty case falls through to the next one, as in nunjitsu.
            if (body.Count == 0) continue;
            RenderNodes(body, scope);
            return;
        }
        if (node.Default is not null) RenderNodes(node.Default, scope);
    }

    private void RenderCall(CallBlockNode node, TemplateScope scope)
    {
        var target = Evaluate(node.Call.Callee, node.Line, scope);
        if (target is not MacroCallable { IsCaller: false } macro)
            throw new RenderException(_sourceName, node.Line, "'{% call %}' can only call a macro");
        var positional = new List<object?>();
        var keywords = new List<KeyValuePair<string, object?>>();
        foreach (var argument in node.Call.Arguments)
        {
            if (argument is KeywordArgExpr k) keywords.Add(new(k.Name, Evaluate(k.Value, node.Line, scope)));
            else positional.Add(Evaluate(argument, node.Line, scope));
        }
        keywords.RemoveAll(k => k.Key == "caller");
        keywords.Add(new("caller", new MacroCallable(node, node.CallerParameters, node.Body, scope.Frame, scope.Lexical.Plan.CallableFrame(node),
            scope.Lexical.Frame, scope.Lexical.InvocationScope)));
        Append(ToOutput(Run(() => Invoke(macro, positional, keywords), node.Line)), node.Line);
    }

    /// <summary>Runs a macro or caller: parameters bound as nunjitsu binds them, the body's text returned as safe text.</summary>
    internal SafeString Invoke(MacroCallable macro, List<object?> positional, List<KeyValuePair<string, object?>>? keywordList)
    {
        var plan = macro.FramePlan;
        var local = new TemplateScope(macro.Scope.Child(isolateWrites: true), macro.IsCaller
            ? new LexicalContext(new LexicalFrame(plan.Slots, macro.DeclaringFrame), plan.Scope, macro.InvocationScope, ExportsMacros: false, ExportsAssignments: false)
            : new LexicalContext(new LexicalFrame(plan.Slots), plan.Scope, macro.InvocationScope, ExportsMacros: true, ExportsAssignments: false));
        // Nunjucks puts the defaulted parameters after the positional ones, whatever the order written.
        var names = macro.Parameters.OfType<NameExpr>().ToList();
        var defaults = macro.Parameters.OfType<KeywordArgExpr>().ToList();
        var keywords = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in keywordList ?? []) keywords[key] = value;
        // Surplus positional arguments fill the defaulted parameters in order; missing ones are looked up by name.
        for (var i = names.Count; i < positional.Count && i - names.Count < defaults.Count; i++) keywords[defaults[i - names.Count].Name] = positional[i];
        var values = new object?[names.Count];
        for (var i = 0; i < names.Count; i++)
            values[i] = i < positional.Count ? positional[i] : keywords.Remove(names[i].Name, out var byName) ? byName : Undefined.Value;
        for (var i = 0; i < names.Count; i++)
        {
            local.Frame.Set(names[i].Name, values[i]);
            if (plan.Scope.Slot(names[i]) is { } slot) local.Lexical.Frame.Set(slot, values[i]);
        }
        foreach (var parameter in defaults)
            local.Frame.Set(parameter.Name, keywords.TryGetValue(parameter.Name, out var given) ? given : _evaluator.Evaluate(parameter.Value, local));
        var declaresCaller = names.Any(n => n.Name == "caller") || defaults.Any(d => d.Name == "caller");
        if (!declaresCaller && keywords.TryGetValue("caller", out var caller)) local.Frame.Set("caller", caller);
        return new SafeString(Capture(macro.Body, local));
    }

    /// <summary>Renders nodes into text of their own (set blocks, filter blocks, macros), counted against the same limits.</summary>
    internal string Capture(List<TemplateNode> body, TemplateScope scope)
    {
        var outer = _output;
        _output = new StringBuilder();
        try
        {
            RenderNodes(body, scope);
            return _output.ToString();
        }
        finally
        {
            _output = outer;
        }
    }

    private void RenderFor(ForNode node, TemplateScope scope)
    {
        var iterable = Evaluate(node.Iterable, node.Line, scope);
        var (items, length, arrayLike) = LoopItems(iterable, node.Names.Count);
        var loopPlan = scope.Lexical.Plan.Loop(node);
        var loopFrame = scope.Frame.Child();
        var loopScope = new TemplateScope(loopFrame, scope.Lexical with { Plan = loopPlan.Body(node.Names.Count, arrayLike), ExportsMacros = false, ExportsAssignments = false });
        // The length lives in a slot of the enclosing function, as in compiled Nunjucks: a falsy input ("", 0, null)
        // leaves the length of the last truthy one, which loop.length and else then see.
        var loopLength = scope.Lexical.Frame.Get(loopPlan.LengthSlot);
        if (Truthy(iterable))
        {
            loopLength = length;
            scope.Lexical.Frame.Set(loopPlan.LengthSlot, loopLength);
        }
        for (var index = 0; index < items.Count; index++)
        {
            if (index >= _limits.MaxLoopIterations)
                throw new RenderLimitException(_sourceName, node.Line, $"a loop ran more than {_limits.MaxLoopIterations} times, the sandbox's limit");
            Charge(node.Line, () => _budget.Check());
            Run(() => { BindTargets(node, items[index], arrayLike, loopScope); return null; }, node.Line);
            loopFrame.Set("loop", LoopRecord(index, loopLength));
            RenderNodes(node.Body, loopScope);
        }
        if (node.Else is not null && !Truthy(loopLength))
            RenderNodes(node.Else, new TemplateScope(loopFrame, scope.Lexical with { Plan = loopPlan.Otherwise(node.Names.Count), ExportsMacros = false, ExportsAssignments = false }));
    }

    /// <summary>
    /// What nunjitsu iterates: a list's items, a string's UTF-16 code units, and for one target over an object the
    /// items at 0..length-1 (none, unless it has a length); for two targets an object's key/value pairs and a string's
    /// index/character pairs.
    /// </summary>
    private (List<object?> Items, object? Length, bool ArrayLike) LoopItems(object? value, int targets)
    {
        switch (value)
        {
            case IDictionary<string, object?> record when targets > 1:
                var pairs = record.Select(kv => (object?)new List<object?> { kv.Key, kv.Value }).ToList();
                return (pairs, (long)pairs.Count, false);
            case IDictionary<string, object?> record:
                var length = FilterValues.ReadOwn(record, "length");
                var count = ToNumber(length);
                var items = new List<object?>();
                for (var i = 0; i < count; i++)
                {
                    if (i >= _limits.MaxLoopIterations)
                        throw new TemplateLimitException($"a loop ran more than {_limits.MaxLoopIterations} times, the sandbox's limit");
                    items.Add(FilterValues.ReadOwn(record, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                }
                return (items, length, false);
            case IList list:
                // The list itself, not a copy: as in nunjitsu, a body that pushes onto the list it walks sees the new
                // items (and meets the loop limit if it never stops).
                return (list as List<object?> ?? list.Cast<object?>().ToList(), (long)list.Count, true);
            case string s when targets == 1:
                return (FilterValues.Chars(s), (long)s.Length, false);
            case string s:
                return (s.Select((c, i) => (object?)new List<object?> { i.ToString(System.Globalization.CultureInfo.InvariantCulture), c.ToString() }).ToList(), (long)s.Length, false);
            case SafeString safe:
                return (FilterValues.Chars(safe.Value), (long)safe.Value.Length, true);
            default:
                return ([], targets == 1 ? Undefined.Value : 0L, false);
        }
    }

    /// <summary>
    /// One target: its frame variable and slot. Several over a list: the slots only (Nunjucks' array branch binds
    /// JavaScript variables); several over anything else: the first two, frame and slot.
    /// </summary>
    private static void BindTargets(ForNode node, object? item, bool arrayLike, TemplateScope scope)
    {
        var names = node.Names;
        if (names.Count == 1)
        {
            Bind(0, item, frame: true);
            return;
        }
        for (var i = 0; i < names.Count && (arrayLike || i < 2); i++)
            Bind(i, item switch
            {
                null or Undefined => throw new TemplateFunctionException("a loop item that is null or undefined cannot be split into several variables"),
                IDictionary<string, object?> d => FilterValues.ReadOwn(d, i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                IList l => i < l.Count ? l[i] : Undefined.Value,
                string s => i < s.Length ? s[i].ToString() : Undefined.Value,
                _ => Undefined.Value,
            }, frame: !arrayLike);

        void Bind(int index, object? value, bool frame)
        {
            if (frame) scope.Frame.Set(names[index], value);
            if (scope.Lexical.Plan.Slot(TargetKey.Of(node, index)) is { } slot) scope.Lexical.Frame.Set(slot, value);
        }
    }

    private static OrderedDictionary<string, object?> LoopRecord(int index, object? length)
    {
        var n = ToNumber(length);
        return new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["index"] = (long)(index + 1),
            ["index0"] = (long)index,
            ["revindex"] = Number(n - index),
            ["revindex0"] = Number(n - index - 1),
            ["first"] = index == 0,
            ["last"] = index == n - 1,
            ["length"] = length,
        };
    }

    /// <summary>Every piece of output passes here: the file's own limit, then the run's budget.</summary>
    private void Append(string text, int line)
    {
        _output.Append(text);
        _written += text.Length;
        if (_written > _limits.MaxOutputChars)
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

    private object? Evaluate(Expr expression, int line, TemplateScope scope) => Run(() =>
    {
        _budget.Check();
        return _evaluator.Evaluate(expression, scope);
    }, line);

    /// <summary>Turns what a filter, operator or limit throws into an error naming this file and line.</summary>
    private object? Run(Func<object?> evaluate, int line)
    {
        try
        {
            return evaluate();
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
