using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>What a filter may use besides its arguments: the limits it must respect and the run's budget.</summary>
internal sealed class FilterContext(RenderBudget budget)
{
    public RenderLimits Limits => Budget.Limits;

    public RenderBudget Budget { get; } = budget;

    /// <summary>Every string a filter builds passes here, so no filter can grow output past the limit.</summary>
    public string Bounded(string s)
    {
        if (s.Length > Limits.MaxOutputChars)
            throw new TemplateLimitException($"a value grew past the output limit of {Limits.MaxOutputChars} characters");
        Budget.Check();
        return s;
    }

    /// <summary>A regex whose every match ends by its own timeout or the end of the run's time, whichever comes first.</summary>
    public Regex Regex(string pattern, RegexOptions options)
    {
        Budget.Check();
        return new(pattern, options | RegexOptions.CultureInvariant, Budget.RegexTimeout);
    }
}
