using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering.Filters;

/// <summary>What a filter may use besides its arguments: the limits it must respect.</summary>
public sealed class FilterContext(RenderLimits limits)
{
    public RenderLimits Limits { get; } = limits;

    /// <summary>Every string a filter builds passes here, so no filter can grow output past the limit.</summary>
    public string Bounded(string s) => s.Length <= Limits.MaxOutputChars
        ? s
        : throw new TemplateLimitException($"a value grew past the output limit of {Limits.MaxOutputChars} characters");

    public Regex Regex(string pattern, RegexOptions options) =>
        new(pattern, options | RegexOptions.CultureInvariant, Limits.RegexTimeout);
}
