namespace KafkaTemplates.Engine.Expressions;

/// <summary>
/// A parsed Nunjucks expression. The tree is the front end's own: it is checked at load time (so a template with a
/// broken expression fails before anything runs) and then evaluated by Rendering/ExpressionEvaluator.
/// </summary>
internal abstract record Expr(int Position);

internal sealed record LiteralExpr(object? Value, int Position) : Expr(Position);

internal sealed record RegexExpr(string Pattern, string Flags, int Position) : Expr(Position);

internal sealed record ArrayExpr(IReadOnlyList<Expr> Items, int Position) : Expr(Position);

internal sealed record DictExpr(IReadOnlyList<KeyValuePair<Expr, Expr>> Entries, int Position) : Expr(Position);

internal sealed record NameExpr(string Name, int Position) : Expr(Position);

internal sealed record MemberExpr(Expr Target, string Member, int Position) : Expr(Position);

internal sealed record IndexExpr(Expr Target, Expr Key, int Position) : Expr(Position);

internal sealed record CallExpr(Expr Callee, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

internal sealed record FilterExpr(Expr Target, string Filter, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

internal sealed record UnaryExpr(string Operator, Expr Operand, int Position) : Expr(Position);

internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right, int Position) : Expr(Position);

internal sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr? WhenFalse, int Position) : Expr(Position);

internal sealed record TestExpr(Expr Target, string Test, bool Negated, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

/// <summary><c>name=value</c> in a call's or filter's argument list.</summary>
internal sealed record KeywordArgExpr(string Name, Expr Value, int Position) : Expr(Position);

/// <summary><c>target[start:stop:step]</c>; a missing bound is null, a missing step 1.</summary>
internal sealed record SliceExpr(Expr Start, Expr Stop, Expr Step, int Position) : Expr(Position);
