namespace KafkaTemplates.Engine.Expressions;

/// <summary>
/// A parsed Nunjucks expression. The tree is the front end's own: it is checked at load time (so a template with a
/// broken expression fails before anything runs) and then evaluated by Rendering/ExpressionEvaluator.
/// </summary>
public abstract record Expr(int Position);

public sealed record LiteralExpr(object? Value, int Position) : Expr(Position);

public sealed record RegexExpr(string Pattern, string Flags, int Position) : Expr(Position);

public sealed record ArrayExpr(IReadOnlyList<Expr> Items, int Position) : Expr(Position);

public sealed record DictExpr(IReadOnlyList<KeyValuePair<Expr, Expr>> Entries, int Position) : Expr(Position);

public sealed record NameExpr(string Name, int Position) : Expr(Position);

public sealed record MemberExpr(Expr Target, string Member, int Position) : Expr(Position);

public sealed record IndexExpr(Expr Target, Expr Key, int Position) : Expr(Position);

public sealed record CallExpr(Expr Callee, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

public sealed record FilterExpr(Expr Target, string Filter, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

public sealed record UnaryExpr(string Operator, Expr Operand, int Position) : Expr(Position);

public sealed record BinaryExpr(string Operator, Expr Left, Expr Right, int Position) : Expr(Position);

public sealed record ConditionalExpr(Expr Condition, Expr WhenTrue, Expr? WhenFalse, int Position) : Expr(Position);

public sealed record TestExpr(Expr Target, string Test, bool Negated, IReadOnlyList<Expr> Arguments, int Position) : Expr(Position);

/// <summary><c>name=value</c> in a call's or filter's argument list.</summary>
public sealed record KeywordArgExpr(string Name, Expr Value, int Position) : Expr(Position);

/// <summary><c>target[start:stop:step]</c>; a missing bound is null, a missing step 1.</summary>
public sealed record SliceExpr(Expr Start, Expr Stop, Expr Step, int Position) : Expr(Position);
