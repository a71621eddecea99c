namespace KafkaTemplates.Engine.Rendering;

/// <summary>A template that cannot be rendered: bad syntax, a failing filter, or a sandbox limit.</summary>
public class RenderException(string source, int line, string problem)
    : Exception(line > 0 ? $"{source}:{line}: {problem}" : $"{source}: {problem}")
{
    public string SourceName { get; } = source;
    public int Line { get; } = line;
    public string Problem { get; } = problem;

    /// <summary>The same problem in another file: a compiled template is shared by every file with the same text.</summary>
    internal RenderException In(string otherSource) =>
        this is RenderLimitException ? new RenderLimitException(otherSource, Line, Problem) : new RenderException(otherSource, Line, Problem);
}

/// <summary>A template stopped by the sandbox (loops, recursion, output size or regex time).</summary>
internal sealed class RenderLimitException(string source, int line, string problem)
    : RenderException(source, line, problem);

/// <summary>Thrown by filters and operators; the renderer adds the file and line.</summary>
internal class TemplateFunctionException(string problem) : Exception(problem);

/// <summary>Thrown by filters and operators that would exceed a sandbox limit.</summary>
internal sealed class TemplateLimitException(string problem) : TemplateFunctionException(problem);
