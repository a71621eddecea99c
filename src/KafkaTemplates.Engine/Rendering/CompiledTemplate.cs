using Scriban;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A template parsed once and rendered many times (every file of every repo of a fleet). Text without tags is kept
/// as text and expressions, evaluated directly; text with tags is translated to a Scriban script.
/// </summary>
internal sealed class CompiledTemplate
{
    private CompiledTemplate(string sourceName, string? plainText, IReadOnlyList<TemplateNode>? interpolation,
        Template? script, IReadOnlyList<object?> constants, IReadOnlyList<(int Offset, int Line)> lineMap)
    {
        SourceName = sourceName;
        PlainText = plainText;
        Interpolation = interpolation;
        Script = script;
        Constants = constants;
        LineMap = lineMap;
    }

    public string SourceName { get; }

    /// <summary>Set when the text has nothing to render; it is then returned as it is.</summary>
    public string? PlainText { get; }

    /// <summary>Set when the text only interpolates values: text and output nodes, in order.</summary>
    public IReadOnlyList<TemplateNode>? Interpolation { get; }

    /// <summary>Set when the text has tags: the Scriban translation.</summary>
    public Template? Script { get; }

    public IReadOnlyList<object?> Constants { get; }

    public IReadOnlyList<(int Offset, int Line)> LineMap { get; }

    /// <summary>Set when the whole text is one <c>${{ }}</c>, which Backstage evaluates to a typed value.</summary>
    public OutputNode? SingleOutput => Interpolation is [OutputNode single] ? single : null;

    public static CompiledTemplate Compile(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return new(sourceName, text, null, null, [], []);
        var nodes = NunjucksTemplateParser.Parse(text, sourceName, knownRoots);
        if (nodes.All(n => n is TextNode))
            return new(sourceName, string.Concat(nodes.Cast<TextNode>().Select(t => t.Text)), null, null, [], []);
        if (nodes.All(n => n is TextNode or OutputNode))
        {
            foreach (var output in nodes.OfType<OutputNode>())
                if (ExpressionChecker.Problem(output.Expression) is { } problem) throw new RenderException(sourceName, output.Line, problem);
            return new(sourceName, null, nodes, null, [], []);
        }
        var (script, constants, lineMap) = ScribanTranslator.Translate(nodes, sourceName);
        var template = Template.Parse(script, sourceName);
        if (template.HasErrors)
            throw new RenderException(sourceName, 0, "internal error translating the template: " + string.Join("; ", template.Messages));
        return new(sourceName, null, null, template, constants, lineMap);
    }

    public int LineOf(int scriptOffset)
    {
        var line = 0;
        foreach (var (offset, l) in LineMap)
        {
            if (offset > scriptOffset) break;
            line = l;
        }
        return line;
    }
}
