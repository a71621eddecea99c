using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>A Nunjucks regex literal (<c>r/pattern/flags</c>). It is compiled with the sandbox's timeout when used.</summary>
public sealed record JsRegex(string Pattern, string Flags)
{
    public bool Global => Flags.Contains('g');

    public RegexOptions Options =>
        (Flags.Contains('i') ? RegexOptions.IgnoreCase : RegexOptions.None)
        | (Flags.Contains('m') ? RegexOptions.Multiline : RegexOptions.None);

    public override string ToString() => "/" + Pattern + "/" + Flags;
}
