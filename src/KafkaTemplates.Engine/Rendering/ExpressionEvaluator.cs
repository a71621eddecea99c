using System.Collections;
using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.Rendering.Filters;
using static KafkaTemplates.Engine.Rendering.JsSemantics;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The one evaluator of expressions, wherever they stand: outputs, tag conditions, loop sources, <c>set</c>s, file
/// names, step inputs and <c>if:</c>. <c>and</c>, <c>or</c> and inline <c>if</c> evaluate only the side they need,
/// as nunjitsu does; macros, callers and captures run through the <see cref="TemplateInterpreter"/> that owns it.
/// </summary>
internal sealed class ExpressionEvaluator(TemplateInterpreter interpreter, FilterContext context)
{
    public FilterContext Context => context;

    public object? Evaluate(Expr expr, TemplateScope scope) => expr switch
    {
        LiteralExpr l => l.Value,
        NameExpr n => Lookup(n, scope),
        MemberExpr m => Member(Evaluate(m.Target, scope), m.Member),
        IndexExpr { Key: SliceExpr s } i => Slice(Evaluate(i.Target, scope), s, scope),
        IndexExpr i => Member(Evaluate(i.Target, scope), ToJsString(Evaluate(i.Key, scope))),
        BinaryExpr { Operator: "or" } b => Evaluate(b.Left, scope) is var left && Truthy(left) ? left : Evaluate(b.Right, scope),
        BinaryExpr { Operator: "and" } b => Evaluate(b.Left, scope) is var first && !Truthy(first) ? first : Evaluate(b.Right, scope),
        BinaryExpr b => NunjucksOperations.Binary(context, b.Operator, Evaluate(b.Left, scope), Evaluate(b.Right, scope)),
        UnaryExpr u => NunjucksOperations.Unary(u.Operator, Evaluate(u.Operand, scope)),
        ConditionalExpr c => Truthy(Evaluate(c.Condition, scope))
            ? Evaluate(c.WhenTrue, scope)
            : c.WhenFalse is null ? "" : Evaluate(c.WhenFalse, scope),
        CallExpr { Callee: NameExpr { Name: ExpressionParser.GroupName } } g => Group(g.Arguments, scope),
        CallExpr c => Call(c, scope),
        FilterExpr f => Filter(f, scope),
        TestExpr t => Test(t, scope),
        ArrayExpr a => Positional(a.Items, scope),
        DictExpr d => Dict(d, scope),
        RegexExpr r => new JsRegex(r.Pattern, r.Flags),
        // A filter block's body runs in a child frame; at the top level its sets are also exported, so seen after it.
        CaptureExpr capture => interpreter.Capture(capture.Body, scope.With(scope.Frame.Child())),
        _ => throw new TemplateFunctionException($"unsupported expression {expr.GetType().Name}"),
    };

    private readonly Dictionary<string, GlobalCallable> _globals = new(StringComparer.Ordinal);

    /// <summary>A name: a variable, else one of the globals (the same one each time, so <c>range === range</c>).</summary>
    private object? Lookup(NameExpr name, TemplateScope scope)
    {
        if (scope.TryGetValue(name, out var value)) return value;
        return Global(name.Name);
    }

    private object? Global(string name)
    {
        if (!GlobalCallable.Names.Contains(name)) return Undefined.Value;
        if (!_globals.TryGetValue(name, out var global)) _globals[name] = global = new GlobalCallable(name);
        return global;
    }

    /// <summary>A member of a value: its own property, else a method nunjitsu allows on it, else undefined.</summary>
    internal static object? Member(object? target, string key)
    {
        if (target is Cycler cycler)
            return key switch
            {
                "current" => cycler.Index < 0 ? null : cycler.Items.Count == 0 ? Undefined.Value : cycler.Items[cycler.Index],
                "next" or "reset" => new CyclerMethod(cycler, key),
                _ => Undefined.Value,
            };
        // A callable read out of a list or object is a new handle each time, as in nunjitsu (record.fn !== record.fn).
        if (FilterValues.HasOwn(target, key)) return FilterValues.ReadOwn(target, key) is TemplateCallable callable ? callable.Fresh() : FilterValues.ReadOwn(target, key);
        return (object?)MethodCallable.Resolve(target, key) ?? Undefined.Value;
    }

    private object? Group(IReadOnlyList<Expr> items, TemplateScope scope)
    {
        object? last = null;
        for (var i = 0; i < items.Count; i++)
        {
            last = Evaluate(items[i], scope);
            if (i < items.Count - 1 && last is TemplateCallable) throw new TemplateFunctionException("a callable value cannot be used here");
        }
        return last;
    }

    private List<object?> Positional(IReadOnlyList<Expr> items, TemplateScope scope)
    {
        var list = new List<object?>(items.Count);
        foreach (var item in items)
            if (item is not KeywordArgExpr) list.Add(Evaluate(item, scope));
        return list;
    }

    private List<KeyValuePair<string, object?>>? Keywords(IReadOnlyList<Expr> items, TemplateScope scope)
    {
        List<KeyValuePair<string, object?>>? keywords = null;
        foreach (var item in items)
            if (item is KeywordArgExpr k) (keywords ??= []).Add(new(k.Name, Evaluate(k.Value, scope)));
        return keywords;
    }

    private object? Dict(DictExpr d, TemplateScope scope)
    {
        var dict = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in d.Entries)
        {
            var name = ToJsString(Evaluate(key, scope));
            if (name is "constructor" or "prototype" or "__proto__") throw new TemplateFunctionException($"the key '{name}' is reserved");
            dict[name] = Evaluate(value, scope);
        }
        return InJsKeyOrder(dict);
    }

    private object? Filter(FilterExpr f, TemplateScope scope)
    {
        if (!FilterRegistry.IsKnown(f.Filter)) throw new TemplateFunctionException($"unknown filter '{f.Filter}'; Backstage has these: {string.Join(", ", FilterRegistry.Names)}");
        var input = Evaluate(f.Target, scope);
        var args = Positional(f.Arguments, scope);
        var keywords = Keywords(f.Arguments, scope);
        try
        {
            return FilterRegistry.Apply(context, f.Filter, input, args, keywords);
        }
        catch (TemplateLimitException)
        {
            throw;
        }
        catch (TemplateFunctionException e)
        {
            throw new TemplateFunctionException($"the filter '{f.Filter}' failed for {Kind(input)} input: {e.Message}");
        }
    }

    private object? Test(TestExpr t, TemplateScope scope)
    {
        if (!BuiltinTests.IsKnown(t.Test)) throw new TemplateFunctionException($"unknown test 'is {t.Test}'; the tests are {string.Join(", ", BuiltinTests.Names)}");
        if (t.Arguments.Any(a => a is KeywordArgExpr)) throw new TemplateFunctionException($"the test '{t.Test}' takes no keyword arguments");
        BuiltinTests.CheckArity(t.Test, t.Arguments.Count);
        var input = Evaluate(t.Target, scope);
        var args = Positional(t.Arguments, scope);
        bool result;
        try
        {
            result = BuiltinTests.Apply(t.Test, input, args);
        }
        catch (TemplateFunctionException e) when (e is not TemplateLimitException)
        {
            throw new TemplateFunctionException($"the test '{t.Test}' failed for {Kind(input)} input: {e.Message}");
        }
        return t.Negated ? !result : result;
    }

    private object? Call(CallExpr c, TemplateScope scope)
    {
        var target = Evaluate(c.Callee, scope);
        switch (target)
        {
            case MacroCallable macro:
                return interpreter.Invoke(macro, Positional(c.Arguments, scope), Keywords(c.Arguments, scope));
            case TemplateCallable builtin:
                if (c.Arguments.Any(a => a is KeywordArgExpr)) throw new TemplateFunctionException($"'{Describe(c.Callee)}' takes no keyword arguments");
                var args = Positional(c.Arguments, scope);
                if (args.Any(a => a is TemplateCallable)) throw new TemplateFunctionException("a callable value cannot be passed here");
                return CallBuiltin(builtin, args, c.Callee);
            default:
                throw new TemplateFunctionException($"'{Describe(c.Callee)}' is {Kind(target)}, which cannot be called");
        }
    }

    private object? CallBuiltin(TemplateCallable callable, List<object?> args, Expr callee)
    {
        switch (callable)
        {
            case GlobalCallable { Name: "range" }:
                if (args.Count > 3) throw new TemplateFunctionException("range takes at most 3 arguments");
                return NunjucksOperations.Range(context, args);
            case GlobalCallable { Name: "cycler" }:
                return new Cycler(args);
            case GlobalCallable { Name: "joiner" }:
                if (args.Count > 1) throw new TemplateFunctionException("joiner takes at most 1 argument");
                return new Joiner(Truthy(FilterValues.Arg(args, 0)) ? args[0] : ",");
            case Joiner joiner:
                if (args.Count > 0) throw new TemplateFunctionException("a joiner takes no arguments");
                if (joiner.Used) return joiner.Separator;
                joiner.Used = true;
                return "";
            case CyclerMethod method:
                if (args.Count > 0) throw new TemplateFunctionException($"cycler {method.Method}() takes no arguments");
                var owner = method.Owner;
                if (method.Method == "reset")
                {
                    owner.Index = -1;
                    return Undefined.Value;
                }
                if (owner.Items.Count == 0)
                {
                    owner.Index = 0;
                    return Undefined.Value;
                }
                owner.Index = (owner.Index + 1) % owner.Items.Count;
                return owner.Items[owner.Index];
            case MethodCallable method:
                return Intrinsics.Invoke(context, method.Receiver, method.Name, args);
            default:
                throw new TemplateFunctionException($"'{Describe(callee)}' cannot be called");
        }
    }

    /// <summary><c>x[start:stop:step]</c> as nunjitsu slices: items (or characters) collected into a list.</summary>
    private object? Slice(object? input, SliceExpr slice, TemplateScope scope)
    {
        if (input is TemplateCallable) throw new TemplateFunctionException("a callable value cannot be sliced");
        var target = Truthy(input) ? input : new List<object?>();
        var length = FilterValues.ReadOwn(target, "length");
        var start = Evaluate(slice.Start, scope);
        var stop = Evaluate(slice.Stop, scope);
        var step = Evaluate(slice.Step, scope);
        var numericStep = ToNumber(step);
        if (!double.IsFinite(numericStep) || numericStep == 0) throw new TemplateFunctionException("a slice's step must be a number other than 0");
        var stepOrder = Order(step, 0L);
        if (start is null) start = stepOrder < 0 ? Number(ToNumber(length) - 1) : 0L;
        if (stop is null) stop = stepOrder < 0 ? -1L : length;
        else if (Order(stop, 0L) < 0) stop = Add(stop, length);
        if (Order(start, 0L) < 0) start = Add(start, length);
        var output = new List<object?>();
        for (var index = start; ; index = Add(index, step))
        {
            if (Order(index, 0L) < 0 || Order(index, length) > 0) break;
            if (stepOrder > 0 && Order(index, stop) >= 0 || stepOrder < 0 && Order(index, stop) <= 0) break;
            if (output.Count >= context.Limits.MaxLoopIterations)
                throw new TemplateLimitException($"a slice made more than {context.Limits.MaxLoopIterations} items, the loop limit");
            var item = FilterValues.ReadOwn(target, ToJsString(index));
            if (item is TemplateCallable) throw new TemplateFunctionException("a callable value cannot be sliced");
            output.Add(item);
        }
        return output;
    }

    internal static string Kind(object? value) => value switch
    {
        Undefined => "undefined",
        null => "null",
        bool => "boolean",
        long or int or double => "number",
        string => "string",
        IDictionary<string, object?> => "record",
        IList => "array",
        SafeString => "safe string",
        JsRegex => "regular expression",
        TemplateCallable => "callable",
        _ => "unknown value",
    };

    private static string Describe(Expr e) => e switch
    {
        NameExpr n => n.Name,
        MemberExpr m => Describe(m.Target) + "." + m.Member,
        _ => "expression",
    };
}
