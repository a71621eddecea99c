namespace KafkaTemplates.Engine.Expressions;

internal enum TokenKind { Name, Number, String, Regex, Operator, End }

internal readonly record struct Token(TokenKind Kind, string Text, int Position, object? Value = null)
{
    public bool Is(string op) => Kind is TokenKind.Operator or TokenKind.Name && Text == op;
}
