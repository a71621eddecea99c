using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>Cheap questions about template text that do not need a full render.</summary>
internal static partial class NunjucksTemplateHints
{
    public static bool HasSyntax(string text) => NunjucksTemplateParser.MayContainSyntax(text);

    /// <summary>The step ids a text reads through <c>steps.&lt;id&gt;</c> or <c>steps['&lt;id&gt;']</c>.</summary>
    public static IEnumerable<string> StepReferences(string text) =>
        StepReference().Matches(text).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).Distinct();

    [GeneratedRegex(@"\bsteps(?:\.([A-Za-z_]\w*)|\[['""]([^'""]+)['""]\])")]
    private static partial Regex StepReference();
}
