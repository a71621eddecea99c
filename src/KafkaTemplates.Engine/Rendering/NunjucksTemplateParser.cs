using System.Text;
using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// Parses text the way Backstage's fetch:template (nunjitsu 0.7.0) does, in its two steps: a scanner that cuts the
/// text into text, <c>${{ }}</c>, <c>{% %}</c> and <c>{# #}</c> tokens (with <c>-</c> whitespace control and
/// <c>raw</c>/<c>verbatim</c> copied verbatim), then a parser that nests the tags. Every <c>${{</c>, <c>{%</c>,
/// <c>{#</c> and stray <c>#}</c> is syntax, as in Backstage: an unclosed or unknown one is an error naming its line.
/// When the caller names the template's values (the load-time check), a <c>${{ }}</c> that names none of them
/// (GitHub's <c>${{ github.sha }}</c>, say) is an error too, because Backstage would render it as nothing.
/// </summary>
internal sealed class NunjucksTemplateParser
{
    internal const string UseRawOrCopy =
        "if this is another tool's syntax, list the file under copyWithoutTemplating or wrap the text in {% raw %}...{% endraw %}";

    private static readonly HashSet<string> EmptyStructuralTags =
        ["else", "endif", "endfor", "endmacro", "endcall", "endfilter", "endset", "default", "endswitch"];

    private static readonly HashSet<string> StructuralStopTags =
        ["else", "endif", "endfor", "endmacro", "endcall", "endfilter", "endset", "default", "endswitch", "elif", "elseif", "case"];

    private static readonly string[] StatementTags = ["if", "for", "set", "macro", "call", "filter", "block", "switch"];

    private enum Kind { Text, Variable, Block }

    private sealed record Token(Kind Kind, string Value, int Offset);

    private readonly string _text;
    private readonly string _sourceName;
    private readonly IReadOnlySet<string>? _knownRoots;
    private readonly int[] _lineStarts;
    private readonly List<Token> _tokens = [];
    private readonly HashSet<string> _boundNames = new(StringComparer.Ordinal) { "loop", "caller", "range", "cycler", "joiner" };
    private readonly Dictionary<string, int> _blockLines = new(StringComparer.Ordinal);
    private int _index;

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
        parser.Scan();
        if (knownRoots is not null) parser.CollectBoundNames();
        var (body, stop) = parser.ParseBody([]);
        if (stop is not null) throw parser.Error(stop.Offset, $"unexpected '{{% {TagName(stop.Value)} %}}'");
        return body;
    }

    /// <summary>False when the text holds nothing the renderer would act on, so it can be copied as it is.</summary>
    public static bool MayContainSyntax(string text) =>
        text.Contains("${{", StringComparison.Ordinal) || text.Contains("{%", StringComparison.Ordinal)
        || text.Contains("{#", StringComparison.Ordinal) || text.Contains("#}", StringComparison.Ordinal);

    private int LineAt(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    private RenderException Error(int offset, string problem) => new(_sourceName, LineAt(offset), problem);

    private static bool IsTemplateWhiteSpace(char c) => char.IsWhiteSpace(c) || c == '\ufeff';

    private static bool IsCodeWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\u00a0';

    private static string TrimCode(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsCodeWhiteSpace(s[start])) start++;
        while (end > start && IsCodeWhiteSpace(s[end - 1])) end--;
        return s[start..end];
    }

    private static string TrimCodeStart(string s)
    {
        var start = 0;
        while (start < s.Length && IsCodeWhiteSpace(s[start])) start++;
        return s[start..];
    }

    // ---- scanner: nunjitsu's scanTemplate ----

    private void Scan()
    {
        var index = 0;
        var pending = new StringBuilder();
        var pendingStart = 0;
        void AppendText(int from, int to)
        {
            if (to <= from) return;
            if (pending.Length == 0) pendingStart = from;
            pending.Append(_text, from, to - from);
        }
        void Flush()
        {
            if (pending.Length == 0) return;
            _tokens.Add(new Token(Kind.Text, pending.ToString(), pendingStart));
            pending.Clear();
        }
        int SkipWhiteSpace(int from)
        {
            while (from < _text.Length && IsTemplateWhiteSpace(_text[from])) from++;
            return from;
        }
        while (index < _text.Length)
        {
            var (opening, kind) = NextOpening(index);
            var strayClose = _text.IndexOf("#}", index, StringComparison.Ordinal);
            if (strayClose >= 0 && (opening < 0 || strayClose < opening))
                throw Error(strayClose, "'#}' closes a comment that was never opened; " + UseRawOrCopy);
            if (opening < 0)
            {
                AppendText(index, _text.Length);
                break;
            }
            AppendText(index, opening);
            var marker = kind == Kind.Variable ? 3 : 2;
            index = opening + marker;
            var leftTrim = index < _text.Length && _text[index] == '-';
            if (leftTrim)
            {
                var end = pending.Length;
                while (end > 0 && IsTemplateWhiteSpace(pending[end - 1])) end--;
                pending.Length = end;
                index++;
            }
            Flush();
            var isComment = kind == Kind.Text;
            var close = kind == Kind.Block ? "%}" : isComment ? "#}" : "}}";
            var closeAt = isComment ? _text.IndexOf(close, index, StringComparison.Ordinal) : FindCodeTerminator(index, close);
            if (closeAt < 0)
                throw Error(opening, isComment
                    ? "'{#' opens a comment that is never closed with '#}'; " + UseRawOrCopy
                    : $"'{_text.Substring(opening, marker)}' is never closed with '{close}'; " + UseRawOrCopy);
            var rightTrim = closeAt > 0 && _text[closeAt - 1] == '-';
            var contentEnd = rightTrim ? closeAt - 1 : closeAt;
            var content = contentEnd > index ? _text[index..contentEnd] : "";
            index = closeAt + close.Length;
            if (!isComment)
            {
                var value = kind == Kind.Variable ? TrimCodeStart(content) : TrimCode(content);
                var name = kind == Kind.Block ? TagName(value) : "";
                if (name is "raw" or "verbatim")
                {
                    if (TagRemainder(value).Length > 0) throw Error(opening, $"'{{% {name} %}}' takes nothing after its name");
                    var (start, end, lineBreak) = FindRawEnd(index, name)
                        ?? throw Error(opening, $"'{{% {name} %}}' is never closed with '{{% end{name} %}}' (written without '-', on one line)");
                    if (lineBreak) throw Error(start, $"'{{% end{name} %}}' must be written on one line");
                    AppendText(index, start);
                    index = end;
                    if (rightTrim) index = SkipWhiteSpace(index);
                    continue;
                }
                _tokens.Add(new Token(kind, value, opening));
            }
            if (rightTrim) index = SkipWhiteSpace(index);
        }
        Flush();
    }

    private (int Offset, Kind Kind) NextOpening(int from)
    {
        var variable = _text.IndexOf("${{", from, StringComparison.Ordinal);
        var block = _text.IndexOf("{%", from, StringComparison.Ordinal);
        var comment = _text.IndexOf("{#", from, StringComparison.Ordinal);
        var best = (Offset: -1, Kind: Kind.Text);
        foreach (var candidate in new[] { (variable, Kind.Variable), (block, Kind.Block), (comment, Kind.Text) })
            if (candidate.Item1 >= 0 && (best.Offset < 0 || candidate.Item1 < best.Offset)) best = candidate;
        return best;
    }

    /// <summary>The closing delimiter, skipping strings, names, numbers and regex literals as nunjitsu does.</summary>
    private int FindCodeTerminator(int start, string terminator)
    {
        for (var i = start; i <= _text.Length - terminator.Length;)
        {
            var skipped = SkipCodeToken(_text, i);
            if (skipped is { } next) i = next;
            else if (string.CompareOrdinal(_text, i, terminator, 0, terminator.Length) == 0) return i;
            else i++;
        }
        return -1;
    }

    private static int? SkipCodeToken(string s, int i)
    {
        var quote = s[i];
        if (quote is '"' or '\'')
        {
            for (var j = i + 1; j < s.Length; j++)
            {
                if (s[j] == '\\') j++;
                else if (s[j] == quote) return j + 1;
            }
            return s.Length;
        }
        var nameStart = i;
        while (nameStart < s.Length && char.IsAsciiDigit(s[nameStart])) nameStart++;
        if (nameStart >= s.Length || !(char.IsAsciiLetter(s[nameStart]) || s[nameStart] == '_'))
            return nameStart > i ? nameStart : null;
        var end = nameStart + 1;
        while (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || s[end] == '_')) end++;
        if (end - i == 1 && s[i] == 'r' && end < s.Length && s[end] == '/') return SkipRegex(s, i);
        return end;
    }

    private static int SkipRegex(string s, int start)
    {
        var backslashes = 0;
        for (var j = start + 2; j < s.Length; j++)
        {
            if (s[j] == '\\') { backslashes++; continue; }
            if (s[j] == '/' && backslashes == 0)
            {
                var end = j + 1;
                while (end < s.Length && s[end] is 'g' or 'i' or 'm' or 'y') end++;
                return end;
            }
            backslashes = 0;
        }
        return s.Length;
    }

    private (int Start, int End, bool LineBreak)? FindRawEnd(int from, string name)
    {
        var depth = 1;
        var i = from;
        while (i < _text.Length)
        {
            var at = _text.IndexOf("{%", i, StringComparison.Ordinal);
            if (at < 0) return null;
            var marker = ScanRawMarker(at, name);
            if (marker is null)
            {
                i = at + 2;
                continue;
            }
            var (open, end) = marker.Value;
            if (open) depth++;
            else if (--depth == 0) return (at, end, _text.AsSpan(at, end - at).Contains('\n'));
            i = end;
        }
        return null;
    }

    private (bool Open, int End)? ScanRawMarker(int start, string name)
    {
        var i = start + 2;
        if (i < _text.Length && _text[i] == '-') return null;
        while (i < _text.Length && IsTemplateWhiteSpace(_text[i])) i++;
        bool open;
        if (string.CompareOrdinal(_text, i, "end" + name, 0, name.Length + 3) == 0) { open = false; i += name.Length + 3; }
        else if (string.CompareOrdinal(_text, i, name, 0, name.Length) == 0) { open = true; i += name.Length; }
        else return null;
        while (i < _text.Length && IsTemplateWhiteSpace(_text[i])) i++;
        return string.CompareOrdinal(_text, i, "%}", 0, 2) == 0 ? (open, i + 2) : null;
    }

    private static string TagName(string value)
    {
        var s = TrimCode(value);
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return "";
        var n = 1;
        while (n < s.Length && (char.IsAsciiLetterOrDigit(s[n]) || s[n] == '_')) n++;
        return s[..n];
    }

    private static string TagRemainder(string value) => TrimCode(TrimCode(value)[TagName(value).Length..]);

    // ---- parser: nunjitsu's TemplateParser ----

    private (List<TemplateNode> Body, Token? Stop) ParseBody(HashSet<string> stops)
    {
        var children = new List<TemplateNode>();
        while (_index < _tokens.Count)
        {
            var token = _tokens[_index++];
            switch (token.Kind)
            {
                case Kind.Text:
                    children.Add(new TextNode(token.Value, LineAt(token.Offset)));
                    continue;
                case Kind.Variable:
                    children.Add(new OutputNode(ParseOutput(token), LineAt(token.Offset)));
                    continue;
            }
            var name = TagName(token.Value);
            if (stops.Contains(name))
            {
                if (EmptyStructuralTags.Contains(name) && TagRemainder(token.Value).Length > 0)
                    throw Error(token.Offset, $"'{{% {name} %}}' takes nothing after its name");
                return (children, token);
            }
            if (StructuralStopTags.Contains(name))
                throw Error(token.Offset, stops.Count == 0
                    ? $"'{{% {name} %}}' without a matching opening tag"
                    : $"unexpected '{{% {name} %}}'; expected {string.Join(" or ", stops.Select(s => $"'{{% {s} %}}'"))}");
            children.Add(ParseStatement(name, TagRemainder(token.Value), token));
        }
        return (children, null);
    }

    private TemplateNode ParseStatement(string name, string remainder, Token token)
    {
        var line = LineAt(token.Offset);
        switch (name)
        {
            case "if": return ParseIf(remainder, token);
            case "for": return ParseFor(remainder, token);
            case "set": return ParseSet(remainder, token);
            case "macro": return ParseMacro(remainder, token);
            case "call": return ParseCall(remainder, token);
            case "filter":
                var filterBody = Expect(token, "endfilter");
                if (ContainsMacro(filterBody)) throw Error(token.Offset, "a macro cannot be declared inside '{% filter %}'");
                var capture = new CaptureExpr(filterBody, 0);
                return new OutputNode(Syntax(token, remainder, () => ExpressionParser.ParseFilterHeader(remainder, capture)), line);
            case "block":
                var blockName = Syntax(token, remainder, () => ExpressionParser.Parse(remainder));
                if (blockName is not NameExpr) throw Error(token.Offset, "'{% block %}' needs a name");
                // nunjitsu refuses a block name used twice, as Nunjucks' inheritance would find only one of them.
                if (!_blockLines.TryAdd(((NameExpr)blockName).Name, line))
                    throw Error(token.Offset, $"the block '{((NameExpr)blockName).Name}' is declared more than once (first on line {_blockLines[((NameExpr)blockName).Name]})");
                var (blockBody, stop) = ParseBody(["endblock"]);
                if (stop is null) throw Error(token.Offset, "'{% block %}' is never closed with '{% endblock %}'");
                var closing = TagRemainder(stop.Value);
                if (closing.Length > 0 && closing != ((NameExpr)blockName).Name)
                    throw Error(stop.Offset, "'{% endblock %}' names another block than the one it closes");
                return new BlockNode(blockBody, line);
            case "switch": return ParseSwitch(remainder, token);
            case "include" or "import" or "from" or "extends":
                throw Error(token.Offset, $"'{{% {name} %}}' loads other templates, which Backstage's fetch:template does not allow");
            case "":
                throw Error(token.Offset, "'{% %}' holds no tag name; " + UseRawOrCopy);
            default:
                throw Error(token.Offset, $"'{{% {name} %}}' is not a template tag (the tags are {string.Join(", ", StatementTags)}, raw and verbatim); " + UseRawOrCopy);
        }
    }

    private List<TemplateNode> Expect(Token token, string end)
    {
        var (body, stop) = ParseBody([end]);
        if (stop is null) throw Error(token.Offset, $"'{{% {TagName(token.Value)} %}}' is never closed with '{{% {end} %}}'");
        return body;
    }

    private IfNode ParseIf(string condition, Token token)
    {
        var branches = new List<(Expr, List<TemplateNode>)>();
        List<TemplateNode>? otherwise = null;
        var source = condition;
        var at = token;
        while (true)
        {
            var expr = TagExpression(at, source);
            var (body, stop) = ParseBody(["elif", "elseif", "else", "endif"]);
            if (stop is null) throw Error(token.Offset, "'{% if %}' is never closed with '{% endif %}'");
            branches.Add((expr, body));
            var stopName = TagName(stop.Value);
            if (stopName is "elif" or "elseif")
            {
                source = TagRemainder(stop.Value);
                at = stop;
                continue;
            }
            if (stopName == "else") otherwise = Expect(token, "endif");
            return new IfNode(branches, otherwise, LineAt(token.Offset));
        }
    }

    private ForNode ParseFor(string header, Token token)
    {
        var split = SplitIn(header) ?? throw Error(token.Offset, $"'{{% for {header} %}}' needs 'in': for x in list");
        var targets = Syntax(token, header, () => ExpressionParser.ParseTargets(split.Left));
        if (targets is ["loop"]) throw Error(token.Offset, "a single loop variable cannot be named loop");
        var iterable = TagExpression(token, split.Right);
        var (body, stop) = ParseBody(["else", "endfor"]);
        if (stop is null) throw Error(token.Offset, "'{% for %}' is never closed with '{% endfor %}'");
        var otherwise = TagName(stop.Value) == "else" ? Expect(token, "endfor") : null;
        return new ForNode(targets, iterable, body, otherwise, LineAt(token.Offset));
    }

    private SetNode ParseSet(string header, Token token)
    {
        var assignment = FindTopLevel(header, '=');
        if (assignment >= 0)
        {
            var targets = Syntax(token, header, () => ExpressionParser.ParseTargets(header[..assignment]));
            return new SetNode(targets, TagExpression(token, header[(assignment + 1)..]), null, LineAt(token.Offset));
        }
        var names = Syntax(token, header, () => ExpressionParser.ParseTargets(header));
        var body = Expect(token, "endset");
        if (ContainsMacro(body)) throw Error(token.Offset, "a macro cannot be declared inside '{% set %}...{% endset %}'");
        return new SetNode(names, null, body, LineAt(token.Offset));
    }

    private MacroNode ParseMacro(string header, Token token)
    {
        var signature = TrimCode(header);
        var open = signature.IndexOf('(');
        if (open <= 0 || !signature.EndsWith(')')) throw Error(token.Offset, "'{% macro %}' needs a name and parameters: {% macro name(a, b='default') %}");
        var name = signature[..open].TrimEnd(' ', '\t', '\n', '\r', '\u00a0');
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw Error(token.Offset, "'{% macro %}' needs a name and parameters: {% macro name(a, b='default') %}");
        var parameters = Syntax(token, header, () => ExpressionParser.ParseSignature(signature[(open + 1)..^1]));
        var body = Expect(token, "endmacro");
        return new MacroNode(name, parameters, body, LineAt(token.Offset));
    }

    private CallBlockNode ParseCall(string header, Token token)
    {
        var source = TrimCode(header);
        var callerParameters = "";
        if (source.StartsWith('('))
        {
            var close = FindMatching(source, 0);
            if (close < 0) throw Error(token.Offset, "'{% call %}': the caller's parameters are not closed with ')'");
            callerParameters = source[1..close];
            source = TrimCode(source[(close + 1)..]);
        }
        var call = TagExpression(token, source);
        if (call is not CallExpr { Callee: var callee } callExpr || !IsStaticTarget(callee))
            throw Error(token.Offset, "'{% call %}' needs a call of a macro by name: {% call name(args) %}");
        var parameters = Syntax(token, header, () => ExpressionParser.ParseSignature(callerParameters));
        var body = Expect(token, "endcall");
        return new CallBlockNode(callExpr, parameters, body, LineAt(token.Offset));
    }

    private static bool IsStaticTarget(Expr e) => e switch
    {
        NameExpr => true,
        MemberExpr m => IsStaticTarget(m.Target),
        IndexExpr { Key: LiteralExpr { Value: not (List<object?> or IDictionary<string, object?>) } } i => IsStaticTarget(i.Target),
        _ => false,
    };

    private SwitchNode ParseSwitch(string header, Token token)
    {
        var subject = TagExpression(token, header);
        HashSet<string> stops = ["case", "default", "endswitch"];
        var (leading, stop) = ParseBody(stops);
        if (leading.Count > 0) throw Error(token.Offset, "'{% switch %}' must be followed directly by '{% case %}' or '{% default %}' (use '-%}' to drop the line break)");
        var cases = new List<(Expr, List<TemplateNode>)>();
        List<TemplateNode>? fallback = null;
        while (stop is not null && TagName(stop.Value) == "case")
        {
            var condition = TagExpression(stop, TagRemainder(stop.Value));
            (var body, stop) = ParseBody(stops);
            cases.Add((condition, body));
        }
        if (stop is not null && TagName(stop.Value) == "default") (fallback, stop) = ParseBody(["endswitch"]);
        if (stop is null || TagName(stop.Value) != "endswitch") throw Error(token.Offset, "'{% switch %}' is never closed with '{% endswitch %}'");
        if (cases.Count == 0 && fallback is null) throw Error(token.Offset, "'{% switch %}' needs at least one '{% case %}' or '{% default %}'");
        return new SwitchNode(subject, cases, fallback, LineAt(token.Offset));
    }

    private static bool ContainsMacro(IEnumerable<TemplateNode> nodes) => nodes.Any(n => n switch
    {
        MacroNode => true,
        IfNode i => i.Branches.Any(b => ContainsMacro(b.Body)) || ContainsMacro(i.Else ?? []),
        ForNode f => ContainsMacro(f.Body) || ContainsMacro(f.Else ?? []),
        SetNode { Body: { } body } => ContainsMacro(body),
        CallBlockNode c => ContainsMacro(c.Body),
        SwitchNode s => s.Cases.Any(c => ContainsMacro(c.Body)) || ContainsMacro(s.Default ?? []),
        BlockNode b => ContainsMacro(b.Body),
        OutputNode { Expression: FilterExpr { Target: CaptureExpr capture } } => ContainsMacro(capture.Body),
        _ => false,
    });

    private T Syntax<T>(Token token, string source, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (ExpressionSyntaxException e)
        {
            throw Error(token.Offset, $"'{{% {TagName(token.Value)} {source} %}}': {e.Problem}");
        }
    }

    private Expr TagExpression(Token token, string source) => Syntax(token, source, () => ExpressionParser.Parse(source));

    private Expr ParseOutput(Token token)
    {
        Expr expr;
        try
        {
            expr = ExpressionParser.Parse(token.Value);
        }
        catch (ExpressionSyntaxException e)
        {
            throw Error(token.Offset, $"the expression '${{{{ {token.Value.TrimEnd()} }}}}' does not parse: {e.Problem}; " + UseRawOrCopy);
        }
        if (_knownRoots is null) return expr;
        foreach (var root in ExpressionRoots.Free(expr))
            if (!_knownRoots.Contains(root) && !_boundNames.Contains(root))
                throw Error(token.Offset, $"'${{{{ {token.Value.TrimEnd()} }}}}' names '{root}', which is none of this template's values ({string.Join(", ", _knownRoots.Order(StringComparer.Ordinal))}), " +
                                          "so Backstage renders it as nothing; " + UseRawOrCopy);
        return expr;
    }

    /// <summary>Every name a tag binds anywhere in the template (set, for, macro and its parameters), for the load-time check.</summary>
    private void CollectBoundNames()
    {
        foreach (var token in _tokens)
        {
            if (token.Kind != Kind.Block) continue;
            var name = TagName(token.Value);
            var rest = TagRemainder(token.Value);
            var names = name switch
            {
                "set" => FindTopLevel(rest, '=') is var eq && eq >= 0 ? rest[..eq] : rest,
                "for" => SplitIn(rest)?.Left ?? "",
                "macro" or "call" => rest,
                _ => "",
            };
            foreach (var word in names.Split([' ', ',', '(', ')', '=', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries))
                if (char.IsAsciiLetter(word[0]) || word[0] == '_') _boundNames.Add(word);
        }
    }

    private static (string Left, string Right)? SplitIn(string source)
    {
        var depth = 0;
        for (var i = 0; i < source.Length;)
        {
            if (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_')
            {
                var end = i;
                while (end < source.Length && char.IsAsciiDigit(source[end])) end++;
                if (end < source.Length && (char.IsAsciiLetter(source[end]) || source[end] == '_'))
                {
                    end++;
                    while (end < source.Length && (char.IsAsciiLetterOrDigit(source[end]) || source[end] == '_')) end++;
                    var word = source[i..end];
                    if (word == "r" && end < source.Length && source[end] == '/') { i = SkipRegex(source, i); continue; }
                    if (depth == 0 && word == "in" && (i == 0 || IsCodeWhiteSpace(source[i - 1])) && (end == source.Length || IsCodeWhiteSpace(source[end])))
                        return (TrimCode(source[..i]), TrimCode(source[end..]));
                    i = end;
                    continue;
                }
            }
            if (SkipCodeToken(source, i) is { } skipped) { i = skipped; continue; }
            if (source[i] is '(' or '[' or '{') depth++;
            else if (source[i] is ')' or ']' or '}') depth--;
            i++;
        }
        return null;
    }

    private static int FindTopLevel(string source, char expected)
    {
        var depth = 0;
        for (var i = 0; i < source.Length;)
        {
            if (SkipCodeToken(source, i) is { } skipped) { i = skipped; continue; }
            var c = source[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (depth == 0 && c == expected) return i;
            i++;
        }
        return -1;
    }

    private static int FindMatching(string source, int start)
    {
        var stack = new Stack<char>();
        stack.Push(source[start]);
        for (var i = start + 1; i < source.Length;)
        {
            if (SkipCodeToken(source, i) is { } skipped) { i = skipped; continue; }
            var c = source[i];
            if (c is '(' or '[' or '{') stack.Push(c);
            else if (c is ')' or ']' or '}' && (stack.Peek(), c) is ('(', ')') or ('[', ']') or ('{', '}'))
            {
                stack.Pop();
                if (stack.Count == 0) return i;
            }
            i++;
        }
        return -1;
    }
}
