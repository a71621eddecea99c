using Scriban;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>A template translated and parsed once, rendered many times (every file of every repo of a fleet).</summary>
internal sealed class CompiledTemplate
{
    private CompiledTemplate(string sourceName, Template? script, IReadOnlyList<object?> constants,
        IReadOnlyList<(int Offset, int Line)> lineMap, string? plainText, OutputNode? singleOutput)
    {
        SourceName = sourceName;
        Script = script;
        Constants = constants;
        LineMap = lineMap;
        PlainText = plainText;
        SingleOutput = singleOutput;
    }

    public string SourceName { get; }

    public Template? Script { get; }

    public IReadOnlyList<object?> Constants { get; }

    public IReadOnlyList<(int Offset, int Line)> LineMap { get; }

    /// <summary>Set when the text has nothing to render; it is then returned as it is.</summary>
    public string? PlainText { get; }

    /// <summary>Set when the whole text is one <c>${{ }}</c>, which Backstage evaluates to a typed value.</summary>
    public OutputNode? SingleOutput { get; }

    public static CompiledTemplate Compile(string text, string sourceName, IReadOnlySet<string> knownRoots)
    {
        if (!NunjucksTemplateParser.MayContainSyntax(text)) return new(sourceName, null, [], [], text, null);
        var nodes = NunjucksTemplateParser.Parse(text, sourceName, knownRoots);
        if (nodes.All(n => n is TextNode))
            return new(sourceName, null, [], [], string.Concat(nodes.Cast<TextNode>().Select(t => t.Text)), null);
        var (script, constants, lineMap) = ScribanTranslator.Translate(nodes, sourceName);
        return new(sourceName, Parse(script, sourceName), constants, lineMap, null, nodes is [OutputNode single] ? single : null);
    }

    public static CompiledTemplate CompileCapture(OutputNode output, string sourceName)
    {
        var (script, constants) = ScribanTranslator.TranslateCapture(output.Expression, sourceName);
        return new(sourceName, Parse(script, sourceName), constants, [(0, output.Line)], null, null);
    }

    private static Template Parse(string script, string sourceName)
    {
        var template = Template.Parse(script, sourceName);
        if (template.HasErrors)
            throw new RenderException(sourceName, 0, "internal error translating the template: " + string.Join("; ", template.Messages));
        return template;
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
