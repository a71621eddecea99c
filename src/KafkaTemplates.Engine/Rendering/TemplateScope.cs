namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A frame of template variables, as nunjitsu's runtime scope keeps them. The values given to the render are
/// read-only at the bottom; above them the frame macros read (top-level sets and macros are exported to it), then the
/// template's own frame. A <c>for</c> loop opens a child frame; a macro's, caller's or block's body an isolated one.
/// <c>set</c> replaces the nearest writable binding it can reach without crossing an isolated frame, else defines
/// the name where it stands.
/// </summary>
internal sealed class ScopeFrame
{
    private sealed class Entry(object? value, bool writable)
    {
        public object? Value = value;
        public bool Writable = writable;
    }

    private readonly ScopeFrame? _parent;
    private readonly bool _isolateWrites;
    private readonly IReadOnlyDictionary<string, object?>? _readOnly;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private ScopeFrame(ScopeFrame? parent, bool isolateWrites, IReadOnlyDictionary<string, object?>? readOnly)
    {
        _parent = parent;
        _isolateWrites = isolateWrites;
        _readOnly = readOnly;
    }

    /// <summary>The bottom frame: the render's values, which a template can shadow but never replace.</summary>
    public static ScopeFrame Context(IReadOnlyDictionary<string, object?> values) => new(null, false, values);

    public ScopeFrame Child(bool isolateWrites = false) => new(this, isolateWrites, null);

    /// <summary>Defines or replaces a name in this frame.</summary>
    public void Set(string name, object? value)
    {
        if (_entries.TryGetValue(name, out var entry))
        {
            entry.Value = value;
            entry.Writable = true;
        }
        else
        {
            _entries[name] = new Entry(value, true);
        }
    }

    public bool TryGet(string name, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._entries.TryGetValue(name, out var entry))
            {
                value = entry.Value;
                return true;
            }
            if (frame._readOnly is not null && frame._readOnly.TryGetValue(name, out value)) return true;
        }
        value = Undefined.Value;
        return false;
    }

    /// <summary>What <c>set</c> does: replaces the nearest binding it may write, else defines the name here.</summary>
    public void Assign(string name, object? value)
    {
        if (_isolateWrites)
        {
            Set(name, value);
            return;
        }
        if (_entries.TryGetValue(name, out var entry) && entry.Writable)
        {
            entry.Value = value;
            return;
        }
        if (_parent is not null && _parent.CanAssign(name))
        {
            _parent.Assign(name, value);
            return;
        }
        Set(name, value);
    }

    private bool CanAssign(string name)
    {
        if (_entries.TryGetValue(name, out var entry)) return entry.Writable;
        if (_readOnly is not null && _readOnly.ContainsKey(name)) return false;
        if (_isolateWrites) return false;
        return _parent is not null && _parent.CanAssign(name);
    }
}

/// <summary>Where an expression or tag runs: its variables' frame, and its lexical slots (see <see cref="LexicalScopePlan"/>).</summary>
internal sealed class TemplateScope(ScopeFrame frame, LexicalContext lexical)
{
    public ScopeFrame Frame { get; } = frame;

    public LexicalContext Lexical { get; } = lexical;

    /// <summary>The frames and slots a template starts with.</summary>
    public static TemplateScope Root(IReadOnlyDictionary<string, object?> values, CompiledFramePlan plan)
    {
        var exports = ScopeFrame.Context(values).Child(isolateWrites: true);
        return new TemplateScope(exports.Child(isolateWrites: true),
            new LexicalContext(new LexicalFrame(plan.Slots), plan.Scope, exports, ExportsMacros: true, ExportsAssignments: true));
    }

    public TemplateScope With(ScopeFrame frame) => new(frame, Lexical);

    public TemplateScope With(LexicalContext lexical) => new(Frame, lexical);

    /// <summary>A name as nunjitsu reads it: its slot when the compiler tied it to one, else the frames.</summary>
    public bool TryGetValue(Expressions.NameExpr name, out object? value)
    {
        if (Lexical.Plan.Slot(name) is { } slot)
        {
            value = Lexical.Frame.Get(slot);
            return true;
        }
        return Frame.TryGet(name.Name, out value);
    }
}
