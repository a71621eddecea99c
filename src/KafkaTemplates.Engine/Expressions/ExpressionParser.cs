namespace KafkaTemplates.Engine.Expressions;

/// <summary>
/// Recursive-descent parser for the Nunjucks expression grammar, with Nunjucks' precedence: inline if, or, and,
/// not, in, is, comparison, ~, + -, * / // %, **, unary, then primaries with member, index, call and filters.
/// </summary>
public sealed class ExpressionParser
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

    private Expr ParseInlineIf()
    {
        var expr = ParseOr();
        if (Peek.Is("if") && Peek.Kind == TokenKind.Name)
        {
            var pos = Next().Position;
            var condition = ParseOr();
            Expr? otherwise = AcceptName("else") ? ParseInlineIf() : null;
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
            return new UnaryExpr("not", ParseNot(), pos);
        }
        return ParseIn();
    }

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
        var left = ParseCompare();
        if (Peek.Kind == TokenKind.Name && Peek.Text == "is")
        {
            var pos = Next().Position;
            var negated = AcceptName("not");
            var test = Peek.Kind == TokenKind.Name ? Next().Text : throw Error("expected a test name after 'is'");
            var args = new List<Expr>();
            if (Accept("(")) args = ParseArguments(")");
            left = new TestExpr(left, test, negated, args, pos);
        }
        return left;
    }

    private Expr ParseCompare()
    {
        var left = ParseConcat();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "==" or "===" or "!=" or "!==" or "<" or ">" or "<=" or ">=")
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParseConcat(), op.Position);
        }
        return left;
    }

    private Expr ParseConcat()
    {
        var left = ParseAdditive();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "~")
        {
            var op = Next();
            left = new BinaryExpr("~", left, ParseAdditive(), op.Position);
        }
        return left;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "+" or "-")
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParseMultiplicative(), op.Position);
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (Peek.Kind == TokenKind.Operator && Peek.Text is "*" or "/" or "//" or "%")
        {
            var op = Next();
            left = new BinaryExpr(op.Text, left, ParsePower(), op.Position);
        }
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseUnary();
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "**")
        {
            var op = Next();
            left = new BinaryExpr("**", left, ParseUnary(), op.Position);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "-" or "+")
        {
            var op = Next();
            return new UnaryExpr(op.Text, ParseUnary(), op.Position);
        }
        return ParseFilters(ParsePostfix(ParsePrimary()));
    }

    private Expr ParseFilters(Expr target)
    {
        while (Peek.Kind == TokenKind.Operator && Peek.Text == "|")
        {
            var pos = Next().Position;
            if (Peek.Kind != TokenKind.Name) throw Error("expected a filter name after '|'");
            var name = Next().Text;
            while (Peek.Kind == TokenKind.Operator && Peek.Text == "." && _tokens[_index + 1].Kind == TokenKind.Name)
            {
                _index++;
                name += "." + Next().Text;
            }
            var args = Accept("(") ? ParseArguments(")") : [];
            target = new FilterExpr(target, name, args, pos);
        }
        return target;
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
                    var key = ParseExpression();
                    Expect("]");
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

    private List<Expr> ParseArguments(string close)
    {
        var args = new List<Expr>();
        if (Accept(close)) return args;
        do
        {
            // Keyword arguments (name=value) are accepted and passed by position, as Nunjucks does for filters.
            if (Peek.Kind == TokenKind.Name && _tokens[_index + 1].Kind == TokenKind.Operator && _tokens[_index + 1].Text == "=")
                _index += 2;
            args.Add(ParseExpression());
        } while (Accept(","));
        Expect(close);
        return args;
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
                return new RegexExpr(pattern, flags, t.Position);
            case TokenKind.Name:
                if (IsKeyword(t.Text)) throw Error($"unexpected '{t.Text}'");
                Next();
                return t.Text switch
                {
                    "true" or "True" => new LiteralExpr(true, t.Position),
                    "false" or "False" => new LiteralExpr(false, t.Position),
                    "null" or "none" or "None" => new LiteralExpr(null, t.Position),
                    _ => new NameExpr(t.Text, t.Position),
                };
            case TokenKind.Operator when t.Text == "(":
                Next();
                var inner = ParseExpression();
                if (Accept(","))
                {
                    // A tuple reads as an array, as in Nunjucks.
                    var items = new List<Expr> { inner };
                    if (!(Peek.Kind == TokenKind.Operator && Peek.Text == ")")) items.AddRange(ParseArguments(")"));
                    else Expect(")");
                    return new ArrayExpr(items, t.Position);
                }
                Expect(")");
                return inner;
            case TokenKind.Operator when t.Text == "[":
                Next();
                return new ArrayExpr(ParseArguments("]"), t.Position);
            case TokenKind.Operator when t.Text == "{":
                Next();
                var entries = new List<KeyValuePair<Expr, Expr>>();
                if (!Accept("}"))
                {
                    do
                    {
                        var keyToken = Peek;
                        Expr key = keyToken.Kind == TokenKind.Name
                            ? new LiteralExpr(Next().Text, keyToken.Position)
                            : ParsePrimary();
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
}
