using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>The parsed shape of a Nunjucks text template, which <see cref="TemplateInterpreter"/> walks.</summary>
internal abstract record TemplateNode(int Line);

internal sealed record TextNode(string Text, int Line) : TemplateNode(Line);

internal sealed record OutputNode(Expr Expression, int Line) : TemplateNode(Line);

internal sealed record IfNode(List<(Expr Condition, List<TemplateNode> Body)> Branches, List<TemplateNode>? Else, int Line) : TemplateNode(Line);

internal sealed record ForNode(IReadOnlyList<string> Names, Expr Iterable, List<TemplateNode> Body, List<TemplateNode>? Else, int Line) : TemplateNode(Line);

internal sealed record SetNode(string Name, Expr Value, int Line) : TemplateNode(Line);
