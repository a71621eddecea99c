using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The Nunjucks-compatible front over Scriban. It renders file contents, file names and step inputs with the
/// semantics of Backstage's fetch:template, inside the sandbox that <see cref="RenderLimits"/> describes.
/// Compiled templates are cached, so rendering the same skeleton for many repos parses it once.
/// </summary>
public sealed class NunjucksRenderer
{
    private const int CacheCapacity = 4096;
    private readonly ConcurrentDictionary<(string Text, string Roots), CompiledTemplate> _cache = new();

    public NunjucksRenderer(RenderLimits? limits = null) => Limits = limits ?? RenderLimits.Default;

    public RenderLimits Limits { get; }

    /// <summary>Renders text to a string; values are plain values (see <see cref="PlainValues"/>).</summary>
    /// <param name="budget">The run this text belongs to; null: a run of its own.</param>
    /// <exception cref="RenderException">The text does not render, or a limit of the sandbox or the run's budget stopped it.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public string Render(string text, string sourceName, IReadOnlyDictionary<string, object?> values, RenderBudget? budget = null)
    {
        budget ??= new RenderBudget(Limits);
        var compiled = Compile(text, sourceName, values);
        try
        {
            if (compiled.PlainText is not null) return Spent(compiled, compiled.PlainText, budget);
            if (compiled.Interpolation is not null) return Interpolate(compiled, values, budget);
            return Run(compiled, values, budget);
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
        var compiled = Compile(text, sourceName, values);
        try
        {
            if (compiled.PlainText is not null)
                return compiled.PlainText.Length == 0 ? Undefined.Value : Spent(compiled, compiled.PlainText, budget);
            if (compiled.SingleOutput is { } single) return Evaluate(compiled, single, values, budget);
            var rendered = compiled.Interpolation is not null ? Interpolate(compiled, values, budget) : Run(compiled, values, budget);
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

    /// <summary>Checks that text parses and uses only known filters, without rendering it (load-time checks).</summary>
    public void Check(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        if (NunjucksTemplateParser.MayContainSyntax(text)) CompiledTemplate.Compile(text, sourceName, knownRoots);
    }

    private CompiledTemplate Compile(string text, string sourceName, IReadOnlyDictionary<string, object?> values)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return CompiledTemplate.Compile(text, sourceName, EmptyRoots);
        var key = (text, RootsKey(values));
        if (_cache.TryGetValue(key, out var cached)) return cached;
        var compiled = CompiledTemplate.Compile(text, sourceName, new HashSet<string>(values.Keys, StringComparer.Ordinal));
        if (_cache.Count >= CacheCapacity) _cache.Clear();
        _cache[key] = compiled;
        return compiled;
    }

    private static readonly IReadOnlySet<string> EmptyRoots = new HashSet<string>();

    private static string RootsKey(IReadOnlyDictionary<string, object?> values) =>
        values.Count == 1 ? values.Keys.First() : string.Join('\n', values.Keys.Order(StringComparer.Ordinal));

    private string Interpolate(CompiledTemplate compiled, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var node in compiled.Interpolation!)
        {
            var piece = node is TextNode text ? text.Text : JsSemantics.ToOutput(Evaluate(compiled, (OutputNode)node, values, budget));
            sb.Append(piece);
            if (sb.Length > Limits.MaxOutputChars)
                throw new RenderLimitException(compiled.SourceName, node.Line, $"the output grew past {Limits.MaxOutputChars} characters, the sandbox's limit");
            try
            {
                budget.Spend(piece.Length);
            }
            catch (TemplateLimitException e)
            {
                throw new RenderLimitException(compiled.SourceName, node.Line, e.Message);
            }
        }
        return sb.ToString();
    }

    private object? Evaluate(CompiledTemplate compiled, OutputNode node, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        try
        {
            budget.Check();
            return ExpressionEvaluator.Evaluate(node.Expression, values, new Filters.FilterContext(budget));
        }
        catch (TemplateLimitException e)
        {
            throw new RenderLimitException(compiled.SourceName, node.Line, e.Message);
        }
        catch (TemplateFunctionException e)
        {
            throw new RenderException(compiled.SourceName, node.Line, e.Message);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new RenderLimitException(compiled.SourceName, node.Line, budget.RegexTimeoutMessage());
        }
    }

    private string Run(CompiledTemplate compiled, IReadOnlyDictionary<string, object?> values, RenderBudget budget)
    {
        var context = new NunjucksContext(budget, compiled.Constants);
        var globals = new ScriptObject();
        foreach (var (name, value) in values) globals["v_" + Mangle(name)] = value;
        context.PushGlobal(globals);
        try
        {
            return compiled.Script!.Render(context);
        }
        catch (ScriptAbortException)
        {
            budget.CancellationToken.ThrowIfCancellationRequested();
            throw;
        }
        catch (ScriptRuntimeException e)
        {
            throw Translate(e, compiled, budget);
        }
        catch (TemplateLimitException e)
        {
            throw new RenderLimitException(compiled.SourceName, 0, e.Message);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new RenderLimitException(compiled.SourceName, 0, budget.RegexTimeoutMessage());
        }
    }

    private static string Mangle(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c.ToString() : $"_x{(int)c:x}_"));

    private RenderException Translate(ScriptRuntimeException e, CompiledTemplate compiled, RenderBudget budget)
    {
        var line = compiled.LineOf(e.Span.Start.Offset);
        var inner = e.InnerException;
        while (inner is ScriptRuntimeException nested && nested.InnerException is not null) inner = nested.InnerException;
        switch (inner)
        {
            case OperationCanceledException cancelled:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cancelled);
                break;
            case TemplateLimitException limit:
                return new RenderLimitException(compiled.SourceName, line, limit.Message);
            case TemplateFunctionException f:
                return new RenderException(compiled.SourceName, line, f.Message);
            case RegexMatchTimeoutException:
                return new RenderLimitException(compiled.SourceName, line, budget.RegexTimeoutMessage());
        }
        if (e is ScriptAbortException) budget.CancellationToken.ThrowIfCancellationRequested();
        var message = e.OriginalMessage;
        if (message.Contains("LoopLimit", StringComparison.Ordinal) || message.Contains("iteration limit", StringComparison.Ordinal))
            return new RenderLimitException(compiled.SourceName, line, $"a loop ran more than {Limits.MaxLoopIterations} times, the sandbox's limit");
        if (message.Contains("recursive", StringComparison.OrdinalIgnoreCase))
            return new RenderLimitException(compiled.SourceName, line, $"the template nests deeper than {Limits.MaxRecursion} levels, the sandbox's limit");
        if (message.Contains("output", StringComparison.OrdinalIgnoreCase) && message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            return new RenderLimitException(compiled.SourceName, line, $"the output grew past {Limits.MaxOutputChars} characters, the sandbox's limit");
        return new RenderException(compiled.SourceName, line, message);
    }
}
