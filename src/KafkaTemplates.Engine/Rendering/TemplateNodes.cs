using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>The parsed shape of a Nunjucks text template, which <see cref="TemplateInterpreter"/> walks.</summary>
internal abstract record TemplateNode(int Line);

internal sealed record TextNode(string Text, int Line) : TemplateNode(Line);

internal sealed record OutputNode(Expr Expression, int Line) : TemplateNode(Line);

internal sealed record IfNode(List<(Expr Condition, List<TemplateNode> Body)> Branches, List<TemplateNode>? Else, int Line) : TemplateNode(Line);

internal sealed record ForNode(IReadOnlyList<string> Names, Expr Iterable, List<TemplateNode> Body, List<TemplateNode>? Else, int Line) : TemplateNode(Line);

/// <summary><c>{% set a, b = value %}</c>, or the block form <c>{% set a %}body{% endset %}</c> that captures the body's text.</summary>
internal sealed record SetNode(IReadOnlyList<string> Names, Expr? Value, List<TemplateNode>? Body, int Line) : TemplateNode(Line);

internal sealed record MacroNode(string Name, IReadOnlyList<Expr> Parameters, List<TemplateNode> Body, int Line) : TemplateNode(Line);

/// <summary><c>{% call(args) macro(...) %}body{% endcall %}</c>: the macro runs with <c>caller()</c> rendering the body.</summary>
internal sealed record CallBlockNode(CallExpr Call, IReadOnlyList<Expr> CallerParameters, List<TemplateNode> Body, int Line) : TemplateNode(Line);

internal sealed record SwitchNode(Expr Subject, List<(Expr Condition, List<TemplateNode> Body)> Cases, List<TemplateNode>? Default, int Line) : TemplateNode(Line);

internal sealed record BlockNode(List<TemplateNode> Body, int Line) : TemplateNode(Line);

/// <summary>The text a block of template renders to, as the input of a filter block (<c>{% filter upper %}</c>).</summary>
internal sealed record CaptureExpr(List<TemplateNode> Body, int Position) : Expr(Position);
