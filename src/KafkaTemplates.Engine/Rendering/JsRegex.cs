namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// A Nunjucks regex literal (<c>r/pattern/flags</c>): a new object each time the literal is evaluated, whose lastIndex
/// the g and y flags move, as in JavaScript. It is compiled with the sandbox's timeout when used (see
/// <see cref="JsRegexRuntime"/>).
/// </summary>
internal sealed class JsRegex(string pattern, string flags)
{
    public string Pattern { get; } = pattern;

    public string Flags { get; } = flags;

    public bool Global => Flags.Contains('g');

    /// <summary>Where the next <c>test</c> or sticky match starts for a g or y regex.</summary>
    internal int LastIndex { get; set; }

    /// <summary>nunjitsu's spelling: an empty pattern as (?:), line breaks escaped, flags in the order gimy.</summary>
    public override string ToString()
    {
        var source = Pattern.Length == 0 ? "(?:)"
            : Pattern.Replace("\n", "\\n").Replace("\r", "\\r").Replace("\u2028", "\\u2028").Replace("\u2029", "\\u2029");
        return "/" + source + "/" + string.Concat("gimy".Where(Flags.Contains));
    }
}
