using System.Collections.Concurrent;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The template engine: Nunjucks as Backstage's engine (nunjitsu) runs it. It renders file contents, file names and step inputs with the
/// semantics of Backstage's fetch:template, inside the sandbox that <see cref="RenderLimits"/> describes.
/// Compiled templates are cached, so rendering the same skeleton for many repos parses it once.
/// </summary>
public sealed class NunjucksRenderer
{
    private const int CacheCapacity = 4096;
    private readonly ConcurrentDictionary<(string SourceName, string Text), CompiledTemplate> _cache = new();

    public NunjucksRenderer(RenderLimits? limits = null) => Limits = limits ?? RenderLimits.Default;

    public RenderLimits Limits { get; }

    /// <summary>Renders text to a string; values are plain values (see <see cref="PlainValues"/>).</summary>
    public string Render(string text, string sourceName, IReadOnlyDictionary<string, object?> values)
    {
        var compiled = Compile(text, sourceName);
        return compiled.PlainText ?? TemplateInterpreter.Render(compiled.Nodes, compiled.SourceName, values, Limits);
    }

    /// <summary>
    /// Renders a step input the way Backstage does: a string that is exactly one <c>${{ }}</c> keeps the type of its
    /// value; any other string renders to text; an empty result is undefined (the input is left out).
    /// </summary>
    public object? RenderValue(string text, string sourceName, IReadOnlyDictionary<string, object?> values)
    {
        var compiled = Compile(text, sourceName);
        if (compiled.PlainText is not null) return compiled.PlainText.Length == 0 ? Undefined.Value : compiled.PlainText;
        if (compiled.SingleOutput is { } single) return TemplateInterpreter.Evaluate(single, compiled.SourceName, values, Limits);
        var rendered = TemplateInterpreter.Render(compiled.Nodes, compiled.SourceName, values, Limits);
        return rendered.Length == 0 ? Undefined.Value : rendered;
    }

    /// <summary>
    /// Checks that text parses, uses only known filters and names only the given values, without rendering it
    /// (load-time checks).
    /// </summary>
    public void Check(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        if (NunjucksTemplateParser.MayContainSyntax(text)) CompiledTemplate.Compile(text, sourceName, knownRoots);
    }

    private CompiledTemplate Compile(string text, string sourceName)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return CompiledTemplate.Compile(text, sourceName, null);
        if (_cache.TryGetValue((sourceName, text), out var cached)) return cached;
        var compiled = CompiledTemplate.Compile(text, sourceName, null);
        if (_cache.Count >= CacheCapacity) _cache.Clear();
        _cache[(sourceName, text)] = compiled;
        return compiled;
    }
}
