using KafkaTemplates.Engine.Rendering.Filters;
using Scriban;
using Scriban.Runtime;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// One render's Scriban context: no Scriban built-ins (only <see cref="NunjucksRuntime"/> and the values are
/// reachable), the sandbox limits applied, and the slots the runtime functions read.
/// </summary>
internal sealed class NunjucksContext : TemplateContext
{
    public NunjucksContext(RenderLimits limits, IReadOnlyList<object?> constants)
        : base(new ScriptObject())
    {
        Limits = limits;
        Filters = new FilterContext(limits);
        Constants = constants;
        LoopLimit = limits.MaxLoopIterations;
        RecursiveLimit = limits.MaxRecursion;
        OutputLimit = limits.MaxOutputChars;
        RegexTimeOut = limits.RegexTimeout;
        StrictVariables = false;
        EnableRelaxedMemberAccess = true;
        EnableNullIndexer = true;
        NewLine = "\n";
        PushGlobal(NunjucksRuntime.Functions);
    }

    public RenderLimits Limits { get; }

    public FilterContext Filters { get; }

    public IReadOnlyList<object?> Constants { get; }
}
