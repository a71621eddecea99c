using System.Globalization;
using KafkaTemplates.Engine.Expressions;

namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>
/// Turns a step's <c>if: ${{ ... }}</c> into a dotnet new source condition (its C++-style expressions): parameters,
/// ==, !=, not, and, or, and literals.
/// </summary>
internal static class ConditionTranslator
{
    public static string Translate(Expr expr, Func<string, string> symbolOf) => expr switch
    {
        MemberExpr { Target: NameExpr { Name: "parameters" } } m => symbolOf(m.Member),
        LiteralExpr { Value: string s } => "\"" + s.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        LiteralExpr { Value: bool b } => b ? "true" : "false",
        LiteralExpr { Value: long l } => l.ToString(CultureInfo.InvariantCulture),
        UnaryExpr { Operator: "not" } u => "!(" + Translate(u.Operand, symbolOf) + ")",
        BinaryExpr { Operator: "==" or "===" } b => $"({Translate(b.Left, symbolOf)} == {Translate(b.Right, symbolOf)})",
        BinaryExpr { Operator: "!=" or "!==" } b => $"({Translate(b.Left, symbolOf)} != {Translate(b.Right, symbolOf)})",
        BinaryExpr { Operator: "and" } b => $"({Translate(b.Left, symbolOf)} && {Translate(b.Right, symbolOf)})",
        BinaryExpr { Operator: "or" } b => $"({Translate(b.Left, symbolOf)} || {Translate(b.Right, symbolOf)})",
        _ => throw new NotSupportedException("only parameters, literals, ==, !=, not, and, or can be expressed as a dotnet new condition"),
    };
}
