using System.Runtime.CompilerServices;
using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Nunjucks compiles a template to JavaScript, and a name it has seen bound earlier in the source (a macro, a loop
/// target, a macro's or caller's parameter) becomes a JavaScript variable instead of a lookup at render time. nunjitsu
/// reproduces that with "lexical slots", and so do we: the names a template reads are tied to slots once, in source
/// order, and a read of a tied name reads its slot, never the frames. That is why a macro declared inside an
/// <c>if</c> that was not taken reads as undefined after it, a macro declared in a loop body stays callable in a
/// later iteration, and a caller's parameter shadows a macro only as a frame variable.
/// </summary>
internal sealed class LexicalScopePlan
{
    private readonly Dictionary<object, int> _slots = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TemplateNode, CompiledFramePlan> _callableFrames = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BlockNode, CompiledFramePlan> _blockFrames = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ForNode, LexicalLoopPlan> _loops = new(ReferenceEqualityComparer.Instance);

    /// <summary>The slot tied to a name read, a macro, a parameter or a target (<see cref="TargetKey"/>), or null.</summary>
    public int? Slot(object node) => _slots.TryGetValue(node, out var slot) ? slot : null;

    public CompiledFramePlan CallableFrame(TemplateNode node) => _callableFrames[node];

    public CompiledFramePlan BlockFrame(BlockNode node) => _blockFrames[node];

    public LexicalLoopPlan Loop(ForNode node) => _loops[node];

    internal void BindSlot(object node, int slot) => _slots[node] = slot;

    internal void BindCallableFrame(TemplateNode node, CompiledFramePlan frame) => _callableFrames[node] = frame;

    internal void BindBlockFrame(BlockNode node, CompiledFramePlan frame) => _blockFrames[node] = frame;

    internal void BindLoop(ForNode node, LexicalLoopPlan loop) => _loops[node] = loop;
}

/// <summary>The i-th name a <c>set</c> or <c>for</c> tag binds (those are names, not expressions, in our tree).</summary>
internal sealed class TargetKey(TemplateNode node, int index)
{
    private static readonly ConditionalWeakTable<TemplateNode, List<TargetKey>> Keys = new();

    /// <summary>The same key object each time, so it can index a plan by reference.</summary>
    public static TargetKey Of(TemplateNode node, int index)
    {
        var list = Keys.GetValue(node, _ => []);
        lock (list)
        {
            while (list.Count <= index) list.Add(new TargetKey(node, list.Count));
            return list[index];
        }
    }

    public TemplateNode Node { get; } = node;
    public int Index { get; } = index;
}

/// <summary>The slots one compiled function (the template, a macro, a caller, a block) owns.</summary>
internal sealed class CompiledFramePlan(List<int> slots, LexicalScopePlan scope)
{
    public IReadOnlyList<int> Slots => slots;
    public LexicalScopePlan Scope { get; } = scope;
}

/// <summary>
/// A loop's plans: Nunjucks compiles a loop with several targets twice (one branch for arrays, one for objects), so
/// the body's names are tied per branch; the length slot keeps the last truthy input's length for <c>else</c>.
/// </summary>
internal sealed class LexicalLoopPlan(int lengthSlot, LexicalScopePlan? single, LexicalScopePlan? array, LexicalScopePlan? record)
{
    public int LengthSlot { get; } = lengthSlot;

    public LexicalScopePlan Body(int targets, bool arrayInput) => targets == 1 ? single! : arrayInput ? array! : record!;

    public LexicalScopePlan Otherwise(int targets) => targets == 1 ? single! : record!;
}

/// <summary>The storage of one invocation of a compiled function; a caller's reads through to where it was declared.</summary>
internal sealed class LexicalFrame
{
    private readonly LexicalFrame? _parent;
    private readonly Dictionary<int, object?> _values = [];

    public LexicalFrame(IReadOnlyList<int> slots, LexicalFrame? parent = null)
    {
        _parent = parent;
        foreach (var slot in slots) _values[slot] = Undefined.Value;
    }

    public object? Get(int slot) =>
        _values.TryGetValue(slot, out var value) ? value : _parent is not null ? _parent.Get(slot) : throw new InvalidOperationException($"unknown lexical slot {slot}");

    public void Set(int slot, object? value)
    {
        if (_values.ContainsKey(slot)) _values[slot] = value;
        else if (_parent is not null) _parent.Set(slot, value);
        else throw new InvalidOperationException($"unknown lexical slot {slot}");
    }
}

/// <summary>
/// Where slots are read and written at one point of a render, and where macros and top-level sets are exported to (the
/// frame macros read), as nunjitsu's macro binding context.
/// </summary>
internal sealed record LexicalContext(LexicalFrame Frame, LexicalScopePlan Plan, ScopeFrame InvocationScope, bool ExportsMacros, bool ExportsAssignments);

/// <summary>Ties names to slots in the order Nunjucks' compiler walks the tree (nunjitsu's planLexicalSlots).</summary>
internal static class LexicalSlotPlanner
{
    private sealed class FrameState(List<int> slots, LexicalScopePlan scope, Dictionary<string, int> bindings)
    {
        public List<int> Slots { get; } = slots;
        public LexicalScopePlan Scope { get; } = scope;
        public Dictionary<string, int> Bindings { get; } = bindings;
    }

    private sealed class Planner
    {
        private int _next;

        // What nunjitsu looks for to decide whether a render may change the values it was given.
        public bool MutatingLookup { get; private set; }
        public bool DynamicLookup { get; private set; }
        public bool IndirectCall { get; private set; }

        public (CompiledFramePlan Plan, FrameState State) CreateFrame(Dictionary<string, int>? inherited)
        {
            var slots = new List<int>();
            var scope = new LexicalScopePlan();
            return (new CompiledFramePlan(slots, scope), new FrameState(slots, scope, inherited is null ? new(StringComparer.Ordinal) : new(inherited, StringComparer.Ordinal)));
        }

        private static FrameState Region(FrameState state) => new(state.Slots, new LexicalScopePlan(), new(state.Bindings, StringComparer.Ordinal));

        private int Anonymous(FrameState state)
        {
            var slot = _next++;
            state.Slots.Add(slot);
            return slot;
        }

        private int Create(FrameState state, string name, object node)
        {
            var slot = Anonymous(state);
            state.Bindings[name] = slot;
            state.Scope.BindSlot(node, slot);
            return slot;
        }

        private static void Use(FrameState state, string name, object node)
        {
            if (state.Bindings.TryGetValue(name, out var slot)) state.Scope.BindSlot(node, slot);
        }

        private CompiledFramePlan Callable(IReadOnlyList<Expr> parameters, List<TemplateNode> body, Dictionary<string, int>? inherited)
        {
            var (plan, state) = CreateFrame(inherited);
            // Nunjucks puts the defaulted parameters after the positional ones, whatever the order written.
            var positional = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var parameter in parameters.OfType<NameExpr>())
            {
                if (positional.TryGetValue(parameter.Name, out var existing)) state.Scope.BindSlot(parameter, existing);
                else positional[parameter.Name] = Create(state, parameter.Name, parameter);
            }
            foreach (var parameter in parameters.OfType<KeywordArgExpr>()) Visit(parameter.Value, state);
            Visit(body, state);
            return plan;
        }

        public void Visit(IEnumerable<TemplateNode> nodes, FrameState state)
        {
            foreach (var node in nodes) Visit(node, state);
        }

        private void Visit(TemplateNode node, FrameState state)
        {
            switch (node)
            {
                case OutputNode output:
                    Visit(output.Expression, state);
                    break;
                case IfNode branches:
                    foreach (var (condition, body) in branches.Branches)
                    {
                        Visit(condition, state);
                        Visit(body, state);
                    }
                    if (branches.Else is not null) Visit(branches.Else, state);
                    break;
                case ForNode loop:
                    Visit(loop.Iterable, state);
                    var lengthSlot = Anonymous(state);
                    if (loop.Names.Count == 1)
                    {
                        var body = Region(state);
                        Create(body, loop.Names[0], TargetKey.Of(loop, 0));
                        Visit(loop.Body, body);
                        if (loop.Else is not null) Visit(loop.Else, body);
                        state.Scope.BindLoop(loop, new LexicalLoopPlan(lengthSlot, body.Scope, null, null));
                        break;
                    }
                    var array = Region(state);
                    for (var i = 0; i < loop.Names.Count; i++) Create(array, loop.Names[i], TargetKey.Of(loop, i));
                    Visit(loop.Body, array);
                    var record = Region(array);
                    for (var i = 0; i < 2; i++) Create(record, loop.Names[i], TargetKey.Of(loop, i));
                    Visit(loop.Body, record);
                    if (loop.Else is not null) Visit(loop.Else, record);
                    state.Scope.BindLoop(loop, new LexicalLoopPlan(lengthSlot, null, array.Scope, record.Scope));
                    break;
                case MacroNode macro:
                    Create(state, macro.Name, macro);
                    state.Scope.BindCallableFrame(macro, Callable(macro.Parameters, macro.Body, null));
                    break;
                case CallBlockNode call:
                    Visit(call.Call, state);
                    state.Scope.BindCallableFrame(call, Callable(call.CallerParameters, call.Body, state.Bindings));
                    break;
                case BlockNode block:
                    var (blockPlan, blockState) = CreateFrame(null);
                    Visit(block.Body, blockState);
                    state.Scope.BindBlockFrame(block, blockPlan);
                    break;
                case SetNode set:
                    if (set.Value is not null) Visit(set.Value, state);
                    if (set.Body is not null) Visit(set.Body, state);
                    for (var i = 0; i < set.Names.Count; i++) Use(state, set.Names[i], TargetKey.Of(set, i));
                    break;
                case SwitchNode choice:
                    Visit(choice.Subject, state);
                    foreach (var (condition, body) in choice.Cases)
                    {
                        Visit(condition, state);
                        Visit(body, state);
                    }
                    if (choice.Default is not null) Visit(choice.Default, state);
                    break;
            }
        }

        /// <summary>Expressions bind no names; they only read them, so any walk order gives the same ties.</summary>
        private void Visit(Expr? expr, FrameState state)
        {
            switch (expr)
            {
                case null or LiteralExpr or RegexExpr:
                    return;
                case NameExpr name:
                    Use(state, name.Name, name);
                    return;
                case ArrayExpr array:
                    foreach (var item in array.Items) Visit(item, state);
                    return;
                case DictExpr dict:
                    foreach (var (key, value) in dict.Entries)
                    {
                        if (key is not (LiteralExpr or NameExpr)) Visit(key, state);
                        Visit(value, state);
                    }
                    return;
                case MemberExpr member:
                    MutatingLookup |= ListMutations.Names.Contains(member.Member);
                    Visit(member.Target, state);
                    return;
                case IndexExpr index:
                    if (index.Key is LiteralExpr { Value: string literal }) MutatingLookup |= ListMutations.Names.Contains(literal);
                    else if (index.Key is not LiteralExpr) DynamicLookup = true;
                    Visit(index.Target, state);
                    Visit(index.Key, state);
                    return;
                case SliceExpr slice:
                    Visit(slice.Start, state);
                    Visit(slice.Stop, state);
                    Visit(slice.Step, state);
                    return;
                case CallExpr call:
                    if (call.Callee is IndexExpr { Key: not LiteralExpr }) MutatingLookup = true;
                    else if (call.Callee is not (MemberExpr or IndexExpr or NameExpr { Name: ExpressionParser.GroupName })) IndirectCall = true;
                    if (call.Callee is not NameExpr { Name: ExpressionParser.GroupName }) Visit(call.Callee, state);
                    foreach (var argument in call.Arguments) Visit(argument, state);
                    return;
                case FilterExpr filter:
                    Visit(filter.Target, state);
                    foreach (var argument in filter.Arguments) Visit(argument, state);
                    return;
                case TestExpr test:
                    Visit(test.Target, state);
                    foreach (var argument in test.Arguments) Visit(argument, state);
                    return;
                case UnaryExpr unary:
                    Visit(unary.Operand, state);
                    return;
                case BinaryExpr binary:
                    Visit(binary.Left, state);
                    Visit(binary.Right, state);
                    return;
                case ConditionalExpr conditional:
                    Visit(conditional.Condition, state);
                    Visit(conditional.WhenTrue, state);
                    Visit(conditional.WhenFalse, state);
                    return;
                case KeywordArgExpr keyword:
                    Visit(keyword.Value, state);
                    return;
                case CaptureExpr capture:
                    Visit(capture.Body, state);
                    return;
            }
        }
    }

    /// <summary>
    /// The plan of a whole template: its root frame's slots and every tie, and whether it may change the values it is
    /// given (a method that changes a list named, or a computed member called), so the render must work on a copy.
    /// </summary>
    public static (CompiledFramePlan Plan, bool MayMutateValues) Plan(IReadOnlyList<TemplateNode> nodes)
    {
        var planner = new Planner();
        var (plan, state) = planner.CreateFrame(null);
        planner.Visit(nodes, state);
        return (plan, planner.MutatingLookup || (planner.DynamicLookup && planner.IndirectCall));
    }
}
