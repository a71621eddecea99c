using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Ci;

/// <summary>The <c>uses:</c> of a GitHub step or job: a local path, a docker:// image, or owner/repo[/path]@ref.</summary>
internal sealed partial record ActionReference(string Text)
{
    public bool IsLocal => Text.StartsWith("./", StringComparison.Ordinal);

    public bool IsDocker => Text.StartsWith("docker://", StringComparison.Ordinal);

    public string? Ref => Text.LastIndexOf('@') is var at and > 0 ? Text[(at + 1)..] : null;

    /// <summary>
    /// A full commit SHA. A tag such as v4.2.2 is not: whoever controls the action can move it to other code, which is
    /// why the generated CI promises SHAs.
    /// </summary>
    public bool IsPinned => Ref is { } r && CommitSha().IsMatch(r);

    /// <summary>The ref looks like a version tag (v4, v4.2.2): pinned by name only.</summary>
    public bool IsVersionTag => Ref is { } r && VersionTag().IsMatch(r);

    [GeneratedRegex(@"^[0-9a-f]{40}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex(@"^v?[0-9]+(?:\.[0-9]+){0,3}(?:[-+][0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionTag();
}
