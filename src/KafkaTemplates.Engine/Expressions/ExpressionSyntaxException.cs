namespace KafkaTemplates.Engine.Expressions;

/// <summary>An expression that does not parse; <see cref="Position"/> is the offset inside the expression.</summary>
internal sealed class ExpressionSyntaxException(string expression, int position, string problem)
    : Exception($"cannot parse '{expression}': {problem} (at column {position + 1} of the expression)")
{
    public string Expression { get; } = expression;
    public int Position { get; } = position;
    public string Problem { get; } = problem;
}
