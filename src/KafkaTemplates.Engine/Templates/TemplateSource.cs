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

    /// <summary>
    /// <c>builtin</c>, <c>git+URL@tag</c> (the tag may hold slashes, as in <c>hypertrace-kafka/v1.1.0</c>), or a
    /// folder. A git URL or tag that git could misread is refused here, before any git runs.
    /// </summary>
    public static TemplateSource Parse(string text)
    {
        if (text == "builtin") return Builtin;
        if (text.StartsWith("git+", StringComparison.Ordinal))
        {
            var at = text.LastIndexOf('@');
            var tag = at > 4 ? text[(at + 1)..] : "";
            if (at <= 4 || GitSourceRules.ProblemWithTag(tag) is not null)
                throw new FormatException($"'{Shorten(text)}' names a git source without a tag; write git+<url>@<tag>, such as git+https://example.com/templates.git@v1.2.0");
            var url = text[4..at];
            if (GitSourceRules.ProblemWithUrl(url) is { } problem)
                throw new FormatException($"'{Shorten(text)}' is not an accepted git source: {problem}. Accepted: git+<url>@<tag> with a URL of the form {GitSourceRules.AcceptedForms}");
            return Git(url, tag);
        }
        return Folder(text);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
