using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Parses text the way Backstage's fetch:template does: <c>${{ }}</c> outputs, <c>{% %}</c> tags and
/// <c>{# #}</c> comments, with <c>-</c> whitespace control. Every <c>${{</c>, <c>{%</c> and <c>{#</c> is syntax, as
/// in Backstage: an unclosed or unknown one is an error naming its line. When the caller names the template's values
/// (the load-time check), a <c>${{ }}</c> that names none of them (GitHub's <c>${{ github.sha }}</c>, say) is an
/// error too, because Backstage would render it as nothing: such a file belongs in copyWithoutTemplating.
/// </summary>
internal sealed class NunjucksTemplateParser
{
    internal const string UseRawOrCopy =
        "if this is another tool's syntax, list the file under copyWithoutTemplating or wrap the text in {% raw %}...{% endraw %}";

    private static readonly HashSet<string> UnsupportedTags =
        ["switch", "case", "default", "endswitch", "macro", "endmacro", "call", "endcall", "filter", "endfilter", "endset"];

    private static readonly HashSet<string> KnownTags =
        ["if", "elif", "elseif", "else", "endif", "for", "endfor", "raw", "endraw", "verbatim", "endverbatim", "set"];

    private readonly string _text;
    private readonly string _sourceName;
    private readonly IReadOnlySet<string>? _knownRoots;
    private readonly int[] _lineStarts;
    private readonly List<TemplateNode> _root = [];
    private readonly Stack<Block> _open = new();
    private bool _trimNextText;

    private sealed class Block(string tag, int line, List<TemplateNode> body)
    {
        public string Tag { get; } = tag;
        public int Line { get; } = line;
        public List<TemplateNode> Body { get; set; } = body;
        public List<(Expr, List<TemplateNode>)> Branches { get; } = [];
        public List<TemplateNode>? Else { get; set; }
        public ForNode? For { get; set; }
    }

    private NunjucksTemplateParser(string text, string sourceName, IReadOnlySet<string>? knownRoots)
    {
        _text = text;
        _sourceName = sourceName;
        _knownRoots = knownRoots;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++) if (text[i] == '\n') starts.Add(i + 1);
        _lineStarts = [.. starts];
    }

    /// <param name="knownRoots">The template's value names, to refuse expressions naming others; null when rendering.</param>
    public static List<TemplateNode> Parse(string text, string sourceName, IReadOnlySet<string>? knownRoots)
    {
        var parser = new NunjucksTemplateParser(text, sourceName, knownRoots);
        parser.Run();
        return parser._root;
    }

    /// <summary>True when the text holds nothing the renderer would act on, so it can be copied as it is.</summary>
    public static bool MayContainSyntax(string text) =>
        text.Contains("${{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal);

    private List<TemplateNode> Current => _open.Count > 0 ? _open.Peek().Body : _root;

    private int LineAt(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private RenderException Error(int offset, string problem) => new(_sourceName, LineAt(offset), problem);

    private void Run()
    {
        var i = 0;
        var textStart = 0;
        while (i < _text.Length)
        {
            var next = NextMarker(i);
            if (next < 0) break;
            i = next;
            if (_text.AsSpan(i).StartsWith("${{"))
            {
                var end = FindClose(i + 3, "}}");
                if (end < 0) throw Error(i, "'${{' is never closed with '}}'; " + UseRawOrCopy);
                var inner = _text[(i + 3)..end];
                var trimLeft = inner.StartsWith('-');
                var trimRight = inner.EndsWith('-');
                var source = inner[(trimLeft ? 1 : 0)..^(trimRight ? 1 : 0)];
                var expr = ParseOutput(source, i);
                FlushText(textStart, i, trimLeft);
                Current.Add(new OutputNode(expr, LineAt(i)));
                _trimNextText = trimRight;
                i = textStart = end + 2;
            }
            else if (_text.AsSpan(i).StartsWith("{%"))
            {
                var end = FindClose(i + 2, "%}");
                if (end < 0) throw Error(i, "'{%' is never closed with '%}'; " + UseRawOrCopy);
                var inner = _text[(i + 2)..end];
                var trimLeft = inner.StartsWith('-');
                var trimRight = inner.EndsWith('-');
                var body = inner[(trimLeft ? 1 : 0)..^(trimRight ? 1 : 0)].Trim();
                var tag = TagName(body);
                if (!KnownTags.Contains(tag))
                    throw Error(i, UnsupportedTags.Contains(tag)
                        ? $"'{{% {tag} %}}' is Nunjucks that Backstage runs but kafka-templates does not support yet; write the template without it"
                        : $"'{{% {tag} %}}' is not a template tag; " + UseRawOrCopy);
                FlushText(textStart, i, trimLeft);
                _trimNextText = trimRight;
                var afterTag = end + 2;
                if (tag is "raw" or "verbatim")
                {
                    var (contentEnd, resume, trimAfter) = FindEndRaw(afterTag, "end" + tag, i);
                    var content = _text[afterTag..contentEnd];
                    if (_trimNextText) content = content.TrimStart();
                    Current.Add(new TextNode(content, LineAt(afterTag)));
                    _trimNextText = trimAfter;
                    i = textStart = resume;
                    continue;
                }
                HandleTag(tag, body[tag.Length..].Trim(), i);
                i = textStart = afterTag;
            }
            else
            {
                var end = _text.IndexOf("#}", i + 2, StringComparison.Ordinal);
                if (end < 0)
                    throw Error(i, "'{#' opens a Nunjucks comment that is never closed with '#}'; Backstage reads it the same way, " +
                                   "so copy this file without templating (copyWithoutTemplating) if the text is not a comment");
                FlushText(textStart, i, _text.AsSpan(i + 2).StartsWith("-"));
                _trimNextText = end > i + 2 && _text[end - 1] == '-';
                i = textStart = end + 2;
            }
        }
        FlushText(textStart, _text.Length, false);
        if (_open.Count > 0)
        {
            var block = _open.Peek();
            throw new RenderException(_sourceName, block.Line, $"'{{% {block.Tag} %}}' is never closed with '{{% end{block.Tag} %}}'");
        }
    }

    private int NextMarker(int from)
    {
        var best = -1;
        foreach (var marker in new[] { "${{", "{%", "{#" })
        {
            var at = _text.IndexOf(marker, from, StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || at < best)) best = at;
        }
        return best;
    }

    /// <summary>Finds a closing delimiter, skipping quoted strings so <c>${{ '}}' }}</c> works.</summary>
    private int FindClose(int from, string close)
    {
        char? quote = null;
        for (var j = from; j < _text.Length; j++)
        {
            var c = _text[j];
            if (quote is not null)
            {
                if (c == '\\') j++;
                else if (c == quote) quote = null;
                continue;
            }
            if (c is '"' or '\'') { quote = c; continue; }
            if (string.CompareOrdinal(_text, j, close, 0, close.Length) == 0) return j;
            if (c == '\n' && close == "}}" && j - from > 4096) return -1;
        }
        return -1;
    }

    private (int ContentEnd, int Resume, bool TrimAfter) FindEndRaw(int from, string endTag, int tagOffset)
    {
        var j = from;
        while (true)
        {
            var at = _text.IndexOf("{%", j, StringComparison.Ordinal);
            if (at < 0) throw Error(tagOffset, $"'{{% {endTag[3..]} %}}' is never closed with '{{% {endTag} %}}'");
            var close = _text.IndexOf("%}", at + 2, StringComparison.Ordinal);
            if (close < 0) throw Error(tagOffset, $"'{{% {endTag[3..]} %}}' is never closed with '{{% {endTag} %}}'");
            var inner = _text[(at + 2)..close];
            if (inner.Trim('-', ' ', '\t', '\r', '\n') == endTag)
            {
                var contentEnd = at;
                if (inner.StartsWith('-')) while (contentEnd > from && char.IsWhiteSpace(_text[contentEnd - 1])) contentEnd--;
                return (contentEnd, close + 2, inner.EndsWith('-'));
            }
            j = at + 2;
        }
    }

    /// <summary>The leading word of a tag; a word glued to other characters ({%raw-ish%}) is no tag name.</summary>
    private static string TagName(string body)
    {
        var n = 0;
        while (n < body.Length && (char.IsLetter(body[n]) || body[n] == '_')) n++;
        return n < body.Length && !char.IsWhiteSpace(body[n]) && body[n] != '(' ? "" : body[..n];
    }

    private Expr ParseOutput(string source, int offset)
    {
        Expr expr;
        try
        {
            expr = ExpressionParser.Parse(source);
        }
        catch (ExpressionSyntaxException e)
        {
            throw Error(offset, $"the expression '${{{{{source}}}}}' does not parse: {e.Problem}; " + UseRawOrCopy);
        }
        if (_knownRoots is null) return expr;
        foreach (var root in ExpressionRoots.Free(expr))
            if (!_knownRoots.Contains(root) && !ScopeHasLocal(root))
                throw Error(offset, $"'${{{{{source}}}}}' names '{root}', which is none of this template's values ({string.Join(", ", _knownRoots.Order(StringComparer.Ordinal))}), " +
                                    "so Backstage renders it as nothing; " + UseRawOrCopy);
        return expr;
    }

    private bool ScopeHasLocal(string name)
    {
        foreach (var block in _open)
        {
            if (block.For is { } f && (f.Names.Contains(name) || name == "loop")) return true;
        }
        return _setNames.Contains(name);
    }

    private readonly HashSet<string> _setNames = [];

    private void FlushText(int start, int end, bool trimRight)
    {
        var text = _text[start..end];
        if (_trimNextText) text = text.TrimStart();
        if (trimRight) text = text.TrimEnd();
        _trimNextText = false;
        if (text.Length > 0) Current.Add(new TextNode(text, LineAt(start)));
    }

    private Expr ParseTagExpression(string source, int offset, string tag)
    {
        try
        {
            return ExpressionParser.Parse(source);
        }
        catch (ExpressionSyntaxException e)
        {
            throw Error(offset, $"'{{% {tag} {source} %}}': {e.Problem}");
        }
    }

    private void HandleTag(string tag, string args, int offset)
    {
        var line = LineAt(offset);
        switch (tag)
        {
            case "if":
                var ifBlock = new Block("if", line, []);
                ifBlock.Branches.Add((ParseTagExpression(args, offset, tag), ifBlock.Body));
                _open.Push(ifBlock);
                break;
            case "elif" or "elseif":
                var current = Expect(offset, tag, "if");
                if (current.Else is not null) throw Error(offset, $"'{{% {tag} %}}' after '{{% else %}}'");
                current.Body = [];
                current.Branches.Add((ParseTagExpression(args, offset, tag), current.Body));
                break;
            case "else":
                if (_open.Count == 0 || _open.Peek().Tag is not ("if" or "for"))
                    throw Error(offset, "'{% else %}' outside an if or for block");
                var block = _open.Peek();
                if (block.Else is not null) throw Error(offset, "a second '{% else %}' in the same block");
                block.Else = block.Body = [];
                break;
            case "endif":
                var done = Expect(offset, tag, "if");
                _open.Pop();
                Current.Add(new IfNode(done.Branches, done.Else, done.Line));
                break;
            case "for":
                (IReadOnlyList<string> names, Expr iterable) header;
                try { header = ExpressionParser.ParseForHeader(args); }
                catch (ExpressionSyntaxException e) { throw Error(offset, $"'{{% for {args} %}}': {e.Problem}"); }
                var forBlock = new Block("for", line, []);
                forBlock.For = new ForNode(header.names, header.iterable, forBlock.Body, null, line);
                _open.Push(forBlock);
                break;
            case "endfor":
                var loop = Expect(offset, tag, "for");
                _open.Pop();
                Current.Add(loop.For! with { Else = loop.Else });
                break;
            case "set":
                (string name, Expr value) assignment;
                try { assignment = ExpressionParser.ParseAssignment(args); }
                catch (ExpressionSyntaxException e) { throw Error(offset, $"'{{% set {args} %}}': {e.Problem}"); }
                _setNames.Add(assignment.name);
                Current.Add(new SetNode(assignment.name, assignment.value, line));
                break;
            default:
                throw Error(offset, $"'{{% {tag} %}}' without a matching opening tag");
        }
    }

    private Block Expect(int offset, string tag, string opener)
    {
        if (_open.Count == 0 || _open.Peek().Tag != opener)
            throw Error(offset, $"'{{% {tag} %}}' without a matching '{{% {opener} %}}'");
        return _open.Peek();
    }
}
