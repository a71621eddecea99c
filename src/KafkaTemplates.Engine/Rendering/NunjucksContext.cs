using System.Text;
using KafkaTemplates.Engine.Rendering.Filters;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// One render's Scriban context: no Scriban built-ins (only <see cref="NunjucksRuntime"/> and the values are
/// reachable), the sandbox limits applied, the run's <see cref="RenderBudget"/> charged for every write and loop
/// step, and the slots the runtime functions read.
/// </summary>
internal sealed class NunjucksContext : TemplateContext
{
    private readonly BudgetedOutput _output;

    public NunjucksContext(RenderBudget budget, IReadOnlyList<object?> constants)
        : base(new ScriptObject())
    {
        var limits = budget.Limits;
        Limits = limits;
        Budget = budget;
        Filters = new FilterContext(budget);
        Constants = constants;
        LoopLimit = limits.MaxLoopIterations;
        RecursiveLimit = limits.MaxRecursion;
        OutputLimit = limits.MaxOutputChars;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = budget.RegexTimeout;
        CancellationToken = budget.CancellationToken;
        StrictVariables = false;
        EnableRelaxedMemberAccess = true;
        EnableNullIndexer = true;
        NewLine = "\n";
        PushGlobal(NunjucksRuntime.Functions);
        _output = new BudgetedOutput(budget);
        PushOutput(_output);
    }

    public RenderLimits Limits { get; }

    public RenderBudget Budget { get; }

    public FilterContext Filters { get; }

    public IReadOnlyList<object?> Constants { get; }

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        Budget.Check();
        return base.OnStepLoop(loop);
    }

    /// <summary>The render's output, charged to the run's budget as it is written.</summary>
    private sealed class BudgetedOutput(RenderBudget budget) : IScriptOutput
    {
        private readonly StringBuilder _text = new();

        public void Write(string text, int offset, int count)
        {
            budget.Spend(count);
            _text.Append(text, offset, count);
        }

        public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
        {
            Write(text, offset, count);
            return ValueTask.CompletedTask;
        }

        public override string ToString() => _text.ToString();
    }
}
