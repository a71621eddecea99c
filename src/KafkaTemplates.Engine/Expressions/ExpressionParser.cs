namespace KafkaTemplates.Engine.Expressions;

/// <summary>
/// Recursive-descent parser for the Nunjucks expression grammar, with Nunjucks' precedence: inline if, or, and,
/// not, in, is, comparison, ~, + -, * / // %, **, unary, then primaries with member, index, call and filters.
/// </summary>
internal sealed class ExpressionParser
{
    private readonly string _source;
    private readonly List<Token> _tokens;
    private int _index;

    private ExpressionParser(string source)
    {
        _source = source;
        _tokens = ExpressionLexer.Tokenize(source);
    }

    public static Expr Parse(string source)
    {
        var parser = new ExpressionParser(source);
        if (parser.Peek.Kind == TokenKind.End) throw new ExpressionSyntaxException(source, 0, "the expression is empty");
        var expr = parser.ParseExpression();
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        return expr;
    }

    /// <summary>Parses <c>target in iterable</c> / <c>k, v in iterable</c> for a for-tag.</summary>
    public static (IReadOnlyList<string> Names, Expr Iterable) ParseForHeader(string source)
    {
        var parser = new ExpressionParser(source);
        var names = new List<string> { parser.ExpectName() };
        while (parser.Accept(",")) names.Add(parser.ExpectName());
        if (!parser.AcceptName("in")) throw parser.Error("expected 'in' after the loop variable");
        var iterable = parser.ParseExpression();
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        return (names, iterable);
    }

    /// <summary>Parses <c>name = expression</c> for a set-tag.</summary>
    public static (string Name, Expr Value) ParseAssignment(string source)
    {
        var parser = new ExpressionParser(source);
        var name = parser.ExpectName();
        if (!parser.Accept("=")) throw parser.Error("expected '=' after the variable name");
        var value = parser.ParseExpression();
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        return (name, value);
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private bool Accept(string op)
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text == op) { _index++; return true; }
        return false;
    }

    private bool AcceptName(string word)
    {
        if (Peek.Kind == TokenKind.Name && Peek.Text == word) { _index++; return true; }
        return false;
    }

    private void Expect(string op)
    {
        if (!Accept(op)) throw Error($"expected '{op}' but found '{(Peek.Kind == TokenKind.End ? "end of expression" : Peek.Text)}'");
    }

    private string ExpectName()
    {
        if (Peek.Kind != TokenKind.Name || IsKeyword(Peek.Text)) throw Error("expected a name");
        return Next().Text;
    }

    private ExpressionSyntaxException Error(string problem) => new(_source, Peek.Position, problem);

    private static bool IsKeyword(string s) => s is "and" or "or" or "not" or "in" or "is" or "if" or "else";

    private Expr ParseExpression() => ParseInlineIf();

    // The chain below is nunjitsu's, level by level; where it differs from Nunjucks 3.2.4 it follows nunjitsu, which
    // is what Backstage runs: no chained inline if without parentheses, `not` applied to the leftmost operand of
    // arithmetic and comparisons, + - ~ on one level, * / // % as nunjitsu groups them, ** left-associative and
    // looser than filters, filters looser than unary minus.
    /// <summary>The callee of a parenthesized list <c>(a, b)</c>; no template name can be spelt so.</summary>
    public const string GroupName = "(group)";

    private readonly HashSet<Expr> _parenthesized = new(ReferenceEqualityComparer.Instance);

    private Expr ParseInlineIf()
    {
        var expr = ParseOr();
        if (Peek.Is("if") && Peek.Kind == TokenKind.Name)
        {
            var pos = Next().Position;
            var condition = ParseOr();
            Expr? otherwise = AcceptName("else") ? ParseOr() : null;
            return new ConditionalExpr(condition, expr, otherwise, pos);
        }
        return expr;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (Peek.Kind == TokenKind.Name && Peek.Text == "or")
        {
            var pos = Next().Position;
            left = new BinaryExpr("or", left, ParseAnd(), pos);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (Peek.Kind == TokenKind.Name && Peek.Text == "and")
        {
            var pos = Next().Position;
            left = new BinaryExpr("and", left, ParseNot(), pos);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Peek.Kind == TokenKind.Name && Peek.Text == "not")
        {
            var pos = Next().Position;
            return LowerNot(ParseNot(), pos);
        }
        return ParseIn();
    }

    private static readonly HashSet<string> NotSinksInto = ["+", "~", "-", "*", "/", "%", "==", "===", "!=", "!==", "<", "<=", ">", ">="];

    /// <summary>nunjitsu reads <c>not a + b</c> as <c>(not a) + b</c> and <c>not a &gt; b</c> as <c>(not a) &gt; b</c>.</summary>
    private Expr LowerNot(Expr target, int pos) =>
        target is BinaryExpr b && NotSinksInto.Contains(b.Operator) && !_parenthesized.Contains(b)
            ? b with { Left = LowerNot(b.Left, pos) }
            : new UnaryExpr("not", target, pos);

    private Expr ParseIn()
    {
        var left = ParseIs();
        while (true)
        {
            var save = _index;
            var negated = AcceptName("not");
            if (Peek.Kind == TokenKind.Name && Peek.Text == "in")
            {
                var pos = Next().Position;
                Expr node = new BinaryExpr("in", left, ParseIs(), pos);
                left = negated ? new UnaryExpr("not", node, pos) : node;
                continue;
            }
            _index = save;
            return left;
        }
    }

    private Expr ParseIs()
    {
        var left = ParseEquality();
        if (Peek.Kind == TokenKind.Name && Peek.Text == "is")
        {
            var pos = Next().Position;
            var negated = AcceptName("not");
            var test = ParseEquality();
            // nunjitsu names the test after whatever follows `is`: a name, a call's callee, a filter's name, a
            // literal's text; anything else is the test `undefined` (so `x is gt(1) ~ 3` tests `x is undefined`).
            return test switch
            {
                _ when _parenthesized.Contains(test) => new TestExpr(left, "undefined", negated, [], pos),
                CallExpr { Callee: NameExpr { Name: not GroupName } name } call => new TestExpr(left, name.Name, negated, call.Arguments, pos),
                CallExpr { Callee: LiteralExpr literal } call => new TestExpr(left, Rendering.JsSemantics.ToJsString(literal.Value), negated, call.Arguments, pos),
                CallExpr call => new TestExpr(left, "undefined", negated, call.Arguments, pos),
                FilterExpr filter => new TestExpr(left, filter.Filter, negated, [filter.Target, .. filter.Arguments], pos),
                NameExpr name => new TestExpr(left, name.Name, negated, [], pos),
                LiteralExpr literal => new TestExpr(left, Rendering.JsSemantics.ToJsString(literal.Value), negated, [], pos),
                RegexExpr regex => new TestExpr(left, "/" + regex.Pattern + "/" + regex.Flags, negated, [], pos),
                _ => new TestExpr(left, "undefined", negated, [], pos),
            };
        }
        return left;
    }

    private Expr ParseEquality() => ParseChain(ParseRelational, "==", "===", "!=", "!==");

    private Expr ParseRelational() => ParseChain(ParseAdditive, "<", "<=", ">", ">=");

    private Expr ParseAdditive() => ParseChain(ParseMultiplicative, "+", "-", "~");

    private Expr ParseChain(Func<Expr> operand, params string[] operators)
    {
        var left = operand();
        while (Peek.Kind == TokenKind.Operator && operators.Contains(Peek.Text))
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, operand(), op.Position);
        }
        return left;
    }

    /// <summary>
    /// nunjitsu's multiplicative grouping: <c>*</c> loosest, then <c>/</c>, then <c>//</c>, then <c>%</c>, each
    /// operand sequence folded left to right, and <c>//</c> flooring everything to its left on its own level
    /// (<c>20 * 6 // 4</c> is <c>20 * floor(6 / 4)</c>).
    /// </summary>
    private Expr ParseMultiplicative() => Fold(ParseMultiplySequence());

    private (Expr First, List<(string Op, Expr Right, int Pos)> Ops) ParseMultiplySequence()
    {
        var sequence = ParseDivideSequence();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "*")
        {
            var pos = Next().Position;
            Append(sequence, "*", ParseDivideSequence(), pos);
        }
        return sequence;
    }

    private (Expr First, List<(string Op, Expr Right, int Pos)> Ops) ParseDivideSequence()
    {
        var sequence = ParseFloorDivideSequence();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "/")
        {
            var pos = Next().Position;
            Append(sequence, "/", ParseFloorDivideSequence(), pos);
        }
        return sequence;
    }

    private (Expr First, List<(string Op, Expr Right, int Pos)> Ops) ParseFloorDivideSequence()
    {
        var sequence = ParseModuloSequence();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "//")
        {
            var pos = Next().Position;
            Append(sequence, "/", ParseModuloSequence(), pos);
            sequence = (new UnaryExpr("floor", Fold(sequence), pos), []);
        }
        return sequence;
    }

    private (Expr First, List<(string Op, Expr Right, int Pos)> Ops) ParseModuloSequence()
    {
        var sequence = (First: ParsePower(), Ops: new List<(string Op, Expr Right, int Pos)>());
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "%")
        {
            var pos = Next().Position;
            sequence.Ops.Add(("%", ParsePower(), pos));
        }
        return sequence;
    }

    private static void Append((Expr First, List<(string Op, Expr Right, int Pos)> Ops) sequence, string op,
        (Expr First, List<(string Op, Expr Right, int Pos)> Ops) right, int pos)
    {
        sequence.Ops.Add((op, right.First, pos));
        sequence.Ops.AddRange(right.Ops);
    }

    private static Expr Fold((Expr First, List<(string Op, Expr Right, int Pos)> Ops) sequence) =>
        sequence.Ops.Aggregate(sequence.First, (left, o) => new BinaryExpr(o.Op, left, o.Right, o.Pos));

    private Expr ParsePower()
    {
        var left = ParseFiltered();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "**")
        {
            var op = Next();
            left = new BinaryExpr("**", left, ParseFiltered(), op.Position);
        }
        return left;
    }

    private Expr ParseFiltered() => ParseFilters(ParseUnary());

    private Expr ParseUnary()
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "-" or "+")
        {
            var op = Next();
            var target = ParseUnary();
            if (target is UnaryExpr { Operator: var inner } && inner == op.Text && !_parenthesized.Contains(target))
                throw new ExpressionSyntaxException(_source, op.Position, $"repeated unary '{op.Text}' needs parentheses");
            return new UnaryExpr(op.Text, target, op.Position);
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParseFilters(Expr target)
    {
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "|")
        {
            var pos = Next().Position;
            if (Peek.Kind != TokenKind.Name) throw Error("expected a filter name after '|'");
            target = ParseFilterCall(target, pos);
        }
        return target;
    }

    private Expr ParseFilterCall(Expr target, int pos)
    {
        var name = Next().Text;
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "." && _tokens[_index + 1].Kind == TokenKind.Name)
        {
            _index++;
            name += "." + Next().Text;
        }
        var args = Accept("(") ? ParseArguments(")") : [];
        return new FilterExpr(target, name, args, pos);
    }

    private Expr ParsePostfix(Expr target)
    {
        while (true)
        {
            if (Peek.Kind != TokenKind.Operator) return target;
            switch (Peek.Text)
            {
                case ".":
                    var dot = Next();
                    if (Peek.Kind is not (TokenKind.Name or TokenKind.Number)) throw Error("expected a member name after '.'");
                    target = new MemberExpr(target, Next().Text, dot.Position);
                    break;
                case "[":
                    var bracket = Next();
                    var key = ParseSubscript(bracket.Position);
                    Expect("]");
                    if (key is LiteralExpr { Value: string text } && IsReserved(text)) throw new ExpressionSyntaxException(_source, key.Position, $"the name '{text}' is reserved");
                    target = new IndexExpr(target, key, bracket.Position);
                    break;
                case "(":
                    var paren = Next();
                    target = new CallExpr(target, ParseArguments(")"), paren.Position);
                    break;
                default:
                    return target;
            }
        }
    }

    private Expr ParseSubscript(int position)
    {
        bool AtBound() => Peek.Kind == TokenKind.Operator && Peek.Text is ":" or "]";
        Expr? start = AtBound() ? null : ParseExpression();
        if (!Accept(":")) return start ?? throw Error("expected an index between '[' and ']'");
        Expr? stop = AtBound() ? null : ParseExpression();
        Expr? step = Accept(":") && !(Peek.Kind == TokenKind.Operator && Peek.Text == "]") ? ParseExpression() : null;
        return new SliceExpr(start ?? new LiteralExpr(null, position), stop ?? new LiteralExpr(null, position), step ?? new LiteralExpr(1L, position), position);
    }

    /// <summary>Positional arguments, then keyword arguments (<c>name=value</c>) in the order written, as nunjitsu keeps them.</summary>
    private List<Expr> ParseArguments(string close, bool keywords = true)
    {
        var args = new List<Expr>();
        var named = new List<Expr>();
        if (Accept(close)) return args;
        do
        {
            if (keywords && Peek.Kind == TokenKind.Name && _tokens[_index + 1].Kind == TokenKind.Operator && _tokens[_index + 1].Text == "=")
            {
                var name = Next();
                _index++;
                named.Add(new KeywordArgExpr(name.Text, ParseExpression(), name.Position));
                continue;
            }
            args.Add(ParseExpression());
        } while (Accept(","));
        Expect(close);
        args.AddRange(named);
        return args;
    }

    /// <summary>Parses a macro's or caller's parameters: names, then names with defaults (<c>b='B'</c>).</summary>
    public static IReadOnlyList<Expr> ParseSignature(string source)
    {
        if (string.IsNullOrWhiteSpace(source)) return [];
        var parser = new ExpressionParser(source + ")");
        var args = parser.ParseArguments(")");
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        foreach (var arg in args)
            if (arg is not (NameExpr or KeywordArgExpr)) throw new ExpressionSyntaxException(source, arg.Position, "macro parameters must be names");
        return args;
    }

    /// <summary>Parses <c>a</c> or <c>a, b</c>: the names a set or for tag binds.</summary>
    public static IReadOnlyList<string> ParseTargets(string source)
    {
        var parser = new ExpressionParser(source);
        var names = new List<string> { parser.ExpectTarget() };
        while (parser.Accept(",")) names.Add(parser.ExpectTarget());
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        return names;
    }

    /// <summary>Parses a filter block's header (<c>replace('a', 'b')</c>) as a filter applied to <paramref name="input"/>.</summary>
    public static Expr ParseFilterHeader(string source, Expr input)
    {
        var parser = new ExpressionParser(source);
        if (parser.Peek.Kind != TokenKind.Name) throw parser.Error("expected a filter name");
        var filtered = parser.ParseFilterCall(input, parser.Peek.Position);
        if (parser.Peek.Kind != TokenKind.End) throw parser.Error($"unexpected '{parser.Peek.Text}'");
        return filtered;
    }

    private string ExpectTarget()
    {
        if (Peek.Kind != TokenKind.Name || Peek.Text is "true" or "false" or "none" or "null") throw Error("expected a name to bind");
        return Next().Text;
    }

    private Expr ParsePrimary()
    {
        var t = Peek;
        switch (t.Kind)
        {
            case TokenKind.Number:
                Next();
                return new LiteralExpr(t.Value, t.Position);
            case TokenKind.String:
                Next();
                return new LiteralExpr(t.Value, t.Position);
            case TokenKind.Regex:
                Next();
                var (pattern, flags) = ((string, string))t.Value!;
                // nunjitsu compiles the literal when it parses it, so a broken pattern fails even where it is never used.
                if (!Rendering.JsRegexRuntime.IsValid(pattern)) throw new ExpressionSyntaxException(_source, t.Position, "the regular expression is not valid");
                return new RegexExpr(pattern, flags, t.Position);
            case TokenKind.Name:
                // Keywords are ordinary names where an operand is expected, as in nunjitsu.
                Next();
                return t.Text switch
                {
                    "true" => new LiteralExpr(true, t.Position),
                    "false" => new LiteralExpr(false, t.Position),
                    "null" or "none" => new LiteralExpr(null, t.Position),
                    _ => new NameExpr(t.Text, t.Position),
                };
            case TokenKind.Operator when t.Text == "(":
                Next();
                // A parenthesized list evaluates every item and yields the last, as nunjitsu's group does.
                var group = ParseArguments(")", keywords: false);
                if (group.Count == 0) throw Error("empty parentheses");
                var inner = group.Count == 1 ? group[0] : new CallExpr(new NameExpr(GroupName, t.Position), group, t.Position);
                _parenthesized.Add(inner);
                return inner;
            case TokenKind.Operator when t.Text == "[":
                Next();
                return new ArrayExpr(ParseArguments("]", keywords: false), t.Position);
            case TokenKind.Operator when t.Text == "{":
                Next();
                var entries = new List<KeyValuePair<Expr, Expr>>();
                if (!Accept("}"))
                {
                    do
                    {
                        var keyToken = Peek;
                        Expr key = keyToken.Kind == TokenKind.Name && keyToken.Text is not ("true" or "false" or "none" or "null")
                            ? new LiteralExpr(Next().Text, keyToken.Position)
                            : keyToken.Kind == TokenKind.String
                                ? new LiteralExpr(Next().Value, keyToken.Position)
                                : throw Error("object keys must be names or strings");
                        if (key is LiteralExpr { Value: string text } && IsReserved(text)) throw new ExpressionSyntaxException(_source, keyToken.Position, $"the name '{text}' is reserved");
                        Expect(":");
                        entries.Add(new(key, ParseExpression()));
                    } while (Accept(","));
                    Expect("}");
                }
                return new DictExpr(entries, t.Position);
            case TokenKind.End:
                throw Error("the expression ends too early");
            default:
                throw Error($"unexpected '{t.Text}'");
        }
    }

    private static bool IsReserved(string name) => name is "constructor" or "prototype" or "__proto__";
}
