using System.Collections;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A frame of template variables, as nunjitsu keeps them: a <c>for</c> loop opens a child frame (its variables and
/// new <c>set</c>s end with the loop, a <c>set</c> of a name an outer frame holds changes that one), <c>if</c> opens
/// none, and a macro's body runs in an isolated frame over the template's top level, whose <c>set</c>s stay inside.
/// </summary>
internal sealed class TemplateScope(IReadOnlyDictionary<string, object?> outer, TemplateScope? parent = null, bool isolated = false, bool exportsMacros = false) : IReadOnlyDictionary<string, object?>
{
    /// <summary>True for a <c>{% block %}</c>'s frame: a macro declared there is also declared at the top level.</summary>
    public bool ExportsMacros => exportsMacros;

    private readonly Dictionary<string, object?> _locals = new(StringComparer.Ordinal);

    public TemplateScope Child(bool isolated = false, bool exportsMacros = false) => new(outer, this, isolated, exportsMacros) { InCallable = InCallable, InLoop = InLoop };

    /// <summary>A loop body's frame.</summary>
    public TemplateScope LoopFrame() => new(outer, this) { InCallable = InCallable, InLoop = true };

    /// <summary>True inside a loop's body, where (as in a macro) a filter block's sets stay inside the block.</summary>
    public bool InLoop { get; init; }

    /// <summary>The isolated frame a macro's or caller's body runs in.</summary>
    public TemplateScope CallableFrame() => new(outer, this, isolated: true) { InCallable = true, InLoop = InLoop };

    /// <summary>True inside a macro's or caller's body, where a filter block's sets stay inside the block.</summary>
    public bool InCallable { get; init; }

    /// <summary>The template's top-level frame, which macros read.</summary>
    public TemplateScope Root => parent?.Root ?? this;

    public void Define(string name, object? value) => _locals[name] = value;

    public void Assign(string name, object? value)
    {
        if (!isolated && !_locals.ContainsKey(name) && parent is not null && parent.CanAssign(name))
        {
            parent.Assign(name, value);
            return;
        }
        _locals[name] = value;
    }

    private bool CanAssign(string name)
    {
        if (_locals.ContainsKey(name)) return true;
        return !isolated && parent is not null && parent.CanAssign(name);
    }

    private TemplateScope? Parent => parent;

    public bool TryGetValue(string key, out object? value)
    {
        for (var frame = this; frame is not null; frame = frame.Parent)
            if (frame._locals.TryGetValue(key, out value)) return true;
        return outer.TryGetValue(key, out value);
    }

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerable<string> Keys => Entries().Select(e => e.Key);

    public IEnumerable<object?> Values => Entries().Select(e => e.Value);

    public int Count => Entries().Count();

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => Entries().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<KeyValuePair<string, object?>> Entries()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var frame = this; frame is not null; frame = frame.Parent)
            foreach (var entry in frame._locals)
                if (seen.Add(entry.Key)) yield return entry;
        foreach (var entry in outer)
            if (seen.Add(entry.Key)) yield return entry;
    }
}
