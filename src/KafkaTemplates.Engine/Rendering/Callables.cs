using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A macro, or the caller of a call block: its parameters and body, the frame its body reads (the exported frame for a
/// macro, the call site's for a caller), its compiled slots and, for a caller, the slots of where it was declared.
/// </summary>
internal sealed class MacroCallable(TemplateNode node, IReadOnlyList<Expr> parameters, List<TemplateNode> body, ScopeFrame scope,
    CompiledFramePlan framePlan, LexicalFrame? declaringFrame, ScopeFrame invocationScope) : TemplateCallable
{
    public TemplateNode Node { get; } = node;
    public IReadOnlyList<Expr> Parameters { get; } = parameters;
    public List<TemplateNode> Body { get; } = body;
    public ScopeFrame Scope { get; } = scope;
    public CompiledFramePlan FramePlan { get; } = framePlan;
    public LexicalFrame? DeclaringFrame { get; } = declaringFrame;
    public ScopeFrame InvocationScope { get; } = invocationScope;
    public bool IsCaller => Node is CallBlockNode;
}

/// <summary>The globals <c>range</c>, <c>cycler</c> and <c>joiner</c>, found when no variable has the name.</summary>
internal sealed class GlobalCallable(string name) : TemplateCallable
{
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal) { "range", "cycler", "joiner" };

    public string Name { get; } = name;
}

/// <summary>What <c>cycler(a, b)</c> returns: <c>next()</c> gives the items in turn, <c>current</c> the last given.</summary>
internal sealed class Cycler(List<object?> items) : TemplateCallable
{
    private sealed class State { public int Index = -1; }

    private readonly State _state = new();

    public List<object?> Items { get; } = items;

    public int Index { get => _state.Index; set => _state.Index = value; }
}

internal sealed class CyclerMethod(Cycler owner, string method) : TemplateCallable
{
    public Cycler Owner { get; } = owner;
    public string Method { get; } = method;
}

/// <summary>What <c>joiner(sep)</c> returns: "" the first time it is called, the separator after.</summary>
internal sealed class Joiner(object? separator) : TemplateCallable
{
    private sealed class State { public bool Used; }

    private readonly State _state = new();

    public object? Separator { get; } = separator;

    public bool Used { get => _state.Used; set => _state.Used = value; }
}

/// <summary>A string or list method (<c>'a-b'.split('-')</c>) read as a member, called later.</summary>
internal sealed class MethodCallable(object? receiver, string name) : TemplateCallable
{
    public object? Receiver { get; } = receiver;
    public string Name { get; } = name;

    private static readonly HashSet<string> StringMethods =
        ["charAt", "charCodeAt", "concat", "endsWith", "includes", "indexOf", "lastIndexOf", "replace", "slice", "split",
         "startsWith", "substring", "toLowerCase", "toUpperCase", "trim", "trimEnd", "trimStart"];

    private static readonly HashSet<string> NumberMethods = ["toExponential", "toFixed", "toPrecision", "toString"];

    private static readonly HashSet<string> ArrayMethods =
        ["at", "concat", "copyWithin", "fill", "flat", "includes", "indexOf", "join", "lastIndexOf", "pop", "push", "reverse",
         "shift", "slice", "sort", "splice", "unshift"];

    /// <summary>The method nunjitsu resolves for a member name no own property answers, or null.</summary>
    public static MethodCallable? Resolve(object? receiver, string name) => receiver switch
    {
        string or SafeString when StringMethods.Contains(name) => new(receiver, name),
        long or int or double when NumberMethods.Contains(name) => new(receiver, name),
        IDictionary<string, object?> => null,
        System.Collections.IList when ArrayMethods.Contains(name) => new(receiver, name),
        JsRegex when name == "test" => new(receiver, name),
        _ => null,
    };
}
