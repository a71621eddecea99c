using System.Collections.Concurrent;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The template engine: Nunjucks as Backstage's engine (nunjitsu) runs it. It renders file contents, file names and
/// step inputs with the semantics of Backstage's fetch:template, inside the sandbox that <see cref="RenderLimits"/>
/// describes and the run's <see cref="RenderBudget"/>. Compiled templates are cached, so rendering the same skeleton
/// for many repos parses it once.
/// </summary>
public sealed class NunjucksRenderer
{
    private const int CacheCapacity = 4096;
    private readonly ConcurrentDictionary<string, CompiledTemplate> _cache = new(StringComparer.Ordinal);

    public NunjucksRenderer(RenderLimits? limits = null) => Limits = limits ?? RenderLimits.Default;

    public RenderLimits Limits { get; }

    /// <summary>Renders text to a string; values are plain values (see <see cref="PlainValues"/>).</summary>
    /// <param name="budget">The run this text belongs to; null: a run of its own.</param>
    /// <exception cref="RenderException">The text does not render, or a limit of the sandbox or the run's budget stopped it.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public string Render(string text, string sourceName, IReadOnlyDictionary<string, object?> values, RenderBudget? budget = null)
    {
        budget ??= new RenderBudget(Limits);
        var compiled = Compile(text, sourceName);
        try
        {
            if (compiled.PlainText is not null) return Spent(compiled, compiled.PlainText, budget);
            return TemplateInterpreter.Render(compiled, values, budget);
        }
        catch (RenderException e) when (e.SourceName != sourceName)
        {
            throw e.In(sourceName);
        }
    }

    /// <summary>
    /// Renders a step input the way Backstage does: a string that is exactly one <c>${{ }}</c> keeps the type of its
    /// value; any other string renders to text; an empty result is undefined (the input is left out).
    /// </summary>
    public object? RenderValue(string text, string sourceName, IReadOnlyDictionary<string, object?> values, RenderBudget? budget = null)
    {
        budget ??= new RenderBudget(Limits);
        var compiled = Compile(text, sourceName);
        try
        {
            if (compiled.PlainText is not null)
                return compiled.PlainText.Length == 0 ? Undefined.Value : Spent(compiled, compiled.PlainText, budget);
            if (compiled.SingleOutput is { } single) return TemplateInterpreter.Evaluate(compiled, single, values, budget);
            var rendered = TemplateInterpreter.Render(compiled, values, budget);
            return rendered.Length == 0 ? Undefined.Value : rendered;
        }
        catch (RenderException e) when (e.SourceName != sourceName)
        {
            throw e.In(sourceName);
        }
    }

    /// <summary>Text without syntax still counts towards the run's output.</summary>
    private static string Spent(CompiledTemplate compiled, string text, RenderBudget budget)
    {
        try
        {
            budget.Spend(text.Length);
        }
        catch (TemplateLimitException e)
        {
            throw new RenderLimitException(compiled.SourceName, 0, e.Message);
        }
        return text;
    }

    /// <summary>
    /// Checks that text parses, uses only known filters and names only the given values, without rendering it
    /// (load-time checks).
    /// </summary>
    public void Check(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        if (NunjucksTemplateParser.MayContainSyntax(text)) CompiledTemplate.Compile(text, sourceName, knownRoots);
    }

    /// <summary>Every problem <see cref="Check"/> would stop at, with its line, for <c>template lint</c>.</summary>
    public IReadOnlyList<(int Line, string Problem)> Lint(string text, string sourceName, IReadOnlySet<string> knownRoots) =>
        CompiledTemplate.Lint(text, sourceName, knownRoots);

    private CompiledTemplate Compile(string text, string sourceName)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return CompiledTemplate.Compile(text, sourceName, null);
        if (_cache.TryGetValue(text, out var cached)) return cached;
        var compiled = CompiledTemplate.Compile(text, sourceName, null);
        if (_cache.Count >= CacheCapacity) _cache.Clear();
        _cache[text] = compiled;
        return compiled;
    }
}
