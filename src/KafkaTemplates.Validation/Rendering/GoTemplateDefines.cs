using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// The named templates (<c>{{ define "name" }}</c> blocks) of a chart, with the lines they span, found by pairing
/// every block action with its <c>end</c>.
/// </summary>
internal sealed partial class GoTemplateDefines
{
    private readonly Dictionary<string, DefineBlock> _blocks = new(StringComparer.Ordinal);

    public GoTemplateDefines(IEnumerable<(string File, string Text)> files)
    {
        foreach (var (file, text) in files) Scan(file, text);
    }

    public DefineBlock? Find(string name) => _blocks.GetValueOrDefault(name);

    private void Scan(string file, string text)
    {
        var stack = new Stack<(string Keyword, string? Name, int Line)>();
        foreach (Match m in Action().Matches(text))
        {
            var body = m.Groups["body"].Value.Trim();
            if (body.StartsWith("/*", StringComparison.Ordinal)) continue;
            var word = FirstWord().Match(body).Value;
            var line = LineOf(text, m.Index);
            switch (word)
            {
                case "if" or "range" or "with" or "block":
                    stack.Push((word, null, line));
                    break;
                case "define":
                    stack.Push((word, DefineName().Match(body).Groups[1].Value, line));
                    break;
                case "end" when stack.Count > 0:
                    var open = stack.Pop();
                    if (open.Keyword == "define" && !string.IsNullOrEmpty(open.Name))
                        _blocks[open.Name] = new DefineBlock(open.Name, file, open.Line, LineOf(text, m.Index + m.Length - 1));
                    break;
            }
        }
    }

    private static int LineOf(string text, int index)
    {
        var line = 1;
        for (var i = 0; i < index && i < text.Length; i++)
            if (text[i] == '\n') line++;
        return line;
    }

    [GeneratedRegex(@"\{\{-?(?<body>.*?)-?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex(@"^[a-z]+")]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"^define\s+""([^""]+)""")]
    private static partial Regex DefineName();
}

/// <summary>A named template: its file and the lines of its define and end actions (1-based, inclusive).</summary>
internal sealed record DefineBlock(string Name, string File, int StartLine, int EndLine);
