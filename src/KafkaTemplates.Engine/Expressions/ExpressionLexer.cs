using System.Globalization;
using System.Text;

namespace KafkaTemplates.Engine.Expressions;

/// <summary>Splits a Nunjucks expression into tokens.</summary>
internal static class ExpressionLexer
{
    // Longest first, so "===" wins over "==".
    private static readonly string[] Operators =
    [
        "===", "!==", "//", "**", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", ":", "|", "=",
    ];

    public static List<Token> Tokenize(string source)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }

            if (c == 'r' && i + 1 < source.Length && source[i + 1] == '/' && (tokens.Count == 0 || ExpectsOperand(tokens[^1])))
            {
                tokens.Add(ReadRegex(source, ref i));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_')) i++;
                // nunjitsu refuses these names wherever a name stands (variable, member, key, filter, parameter).
                if (source[start..i] is "constructor" or "prototype" or "__proto__")
                    throw new ExpressionSyntaxException(source, start, $"the name '{source[start..i]}' is reserved");
                tokens.Add(new Token(TokenKind.Name, source[start..i], start));
                continue;
            }
            if (c == '.' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1]) && (tokens.Count == 0 || ExpectsOperand(tokens[^1])))
                throw new ExpressionSyntaxException(source, i, "invalid number: write a digit before the decimal point");
            if (char.IsAsciiDigit(c))
            {
                tokens.Add(ReadNumber(source, ref i));
                continue;
            }
            if (c is '"' or '\'')
            {
                tokens.Add(ReadString(source, ref i));
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0);
            if (op is null) throw new ExpressionSyntaxException(source, i, $"unexpected character '{c}'");
            tokens.Add(new Token(TokenKind.Operator, op, i));
            i += op.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", source.Length));
        return tokens;
    }

    private static bool ExpectsOperand(Token previous) =>
        previous.Kind == TokenKind.Operator && previous.Text is not (")" or "]" or "}")
        || previous.Kind == TokenKind.Name && previous.Text is "and" or "or" or "not" or "in" or "if" or "else";

    /// <summary>Decimal literals only, as nunjitsu reads them: no exponent, and no letter glued to the digits.</summary>
    private static Token ReadNumber(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        if (i < s.Length && (char.IsAsciiLetter(s[i]) || s[i] == '_'))
            throw new ExpressionSyntaxException(s, start, "invalid number: write decimal digits only (no exponent, no suffix)");
        var text = s[start..i];
        var value = Rendering.PlainValues.Normalize(double.Parse(text.TrimEnd('.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
        return new Token(TokenKind.Number, text, start, value);
    }

    private static Token ReadString(string s, ref int i)
    {
        var quote = s[i];
        var start = i++;
        var sb = new StringBuilder();
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                // Only \n, \r and \t are escapes; any other escaped character stands for itself, as in nunjitsu.
                var escaped = s[i + 1];
                sb.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                i += 2;
                continue;
            }
            sb.Append(s[i++]);
        }
        if (i >= s.Length) throw new ExpressionSyntaxException(s, start, "the string is not closed");
        i++;
        return new Token(TokenKind.String, s[start..i], start, sb.ToString());
    }

    private static Token ReadRegex(string s, ref int i)
    {
        var start = i;
        i += 2;
        var sb = new StringBuilder();
        while (i < s.Length && s[i] != '/')
        {
            if (s[i] == '\\' && i + 1 < s.Length) { sb.Append(s[i]).Append(s[i + 1]); i += 2; continue; }
            sb.Append(s[i++]);
        }
        if (i >= s.Length) throw new ExpressionSyntaxException(s, start, "the regular expression is not closed");
        i++;
        var flagsStart = i;
        while (i < s.Length && s[i] is 'g' or 'i' or 'm' or 'y')
        {
            if (s.AsSpan(flagsStart, i - flagsStart).Contains(s[i])) throw new ExpressionSyntaxException(s, start, $"the regular expression repeats the flag '{s[i]}'");
            i++;
        }
        return new Token(TokenKind.Regex, s[start..i], start, (sb.ToString(), s[flagsStart..i]));
    }
}
