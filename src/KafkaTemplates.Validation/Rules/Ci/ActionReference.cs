using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Ci;

/// <summary>The <c>uses:</c> of a GitHub step or job: a local path, a docker:// image, or owner/repo[/path]@ref.</summary>
internal sealed partial record ActionReference(string Text)
{
    public bool IsLocal => Text.StartsWith("./", StringComparison.Ordinal);

    public bool IsDocker => Text.StartsWith("docker://", StringComparison.Ordinal);

    public string? Ref => Text.LastIndexOf('@') is var at and > 0 ? Text[(at + 1)..] : null;

    /// <summary>A full commit SHA, or a version tag such as v4 or v4.2.2; branches such as main are neither.</summary>
    public bool IsPinned => Ref is { } r && (CommitSha().IsMatch(r) || VersionTag().IsMatch(r));

    [GeneratedRegex(@"^[0-9a-f]{40}$")]
    private static partial Regex CommitSha();

    [GeneratedRegex(@"^v?[0-9]+(?:\.[0-9]+){0,3}(?:[-+][0-9A-Za-z.-]+)?$")]
    private static partial Regex VersionTag();
}
