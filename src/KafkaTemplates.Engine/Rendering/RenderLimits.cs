namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// The sandbox's bounds. A template is data from outside the tool, so it must not be able to loop, recurse or
/// allocate without end, nor stall on a pathological regular expression.
/// </summary>
public sealed record RenderLimits
{
    public static readonly RenderLimits Default = new();

    /// <summary>Iterations of one loop (Scriban's LoopLimit).</summary>
    public int MaxLoopIterations { get; init; } = 10_000;

    /// <summary>Nesting depth of calls and blocks (Scriban's RecursiveLimit).</summary>
    public int MaxRecursion { get; init; } = 100;

    /// <summary>Characters one rendered file or value may have.</summary>
    public int MaxOutputChars { get; init; } = 16 * 1024 * 1024;

    /// <summary>One regular expression match.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Characters one render run (all files, names and inputs together) may produce; see <see cref="RenderBudget"/>.</summary>
    public long MaxRunOutputChars { get; init; } = 64L * 1024 * 1024;

    /// <summary>Time one render run may take; see <see cref="RenderBudget"/>.</summary>
    public TimeSpan MaxRunTime { get; init; } = TimeSpan.FromSeconds(30);
}
