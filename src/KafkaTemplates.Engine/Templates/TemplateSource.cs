namespace KafkaTemplates.Engine.Templates;

public enum TemplateSourceKind
{
    /// <summary>Shipped inside the tool.</summary>
    Builtin,

    /// <summary>A folder holding template.yaml.</summary>
    Folder,

    /// <summary>A git repository at a tag.</summary>
    Git,
}

/// <summary>
/// Where a template came from. Recorded in a repo's answers file so a later upgrade can find the same template
/// again: <c>builtin</c>, a folder path, or <c>git+URL@tag</c>.
/// </summary>
public sealed record TemplateSource(TemplateSourceKind Kind, string Location, string? Reference = null)
{
    public static readonly TemplateSource Builtin = new(TemplateSourceKind.Builtin, "builtin");

    public static TemplateSource Folder(string path) => new(TemplateSourceKind.Folder, path);

    public static TemplateSource Git(string url, string tag) => new(TemplateSourceKind.Git, url, tag);

    public override string ToString() => Kind switch
    {
        TemplateSourceKind.Builtin => "builtin",
        TemplateSourceKind.Git => $"git+{Location}@{Reference}",
        _ => Location,
    };

    public static TemplateSource Parse(string text)
    {
        if (text == "builtin") return Builtin;
        if (text.StartsWith("git+", StringComparison.Ordinal))
        {
            var at = text.LastIndexOf('@');
            if (at > 4 && !text[(at + 1)..].Contains('/'))
                return Git(text[4..at], text[(at + 1)..]);
            throw new FormatException($"'{text}' names a git source without a tag; write git+<url>@<tag>");
        }
        return Folder(text);
    }
}
