using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>A container image reference split into name, tag and digest: <c>registry/repo:tag@sha256:...</c>.</summary>
internal sealed partial record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        var text = reference.Trim();
        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
        }
        var colon = text.LastIndexOf(':');
        var slash = text.LastIndexOf('/');
        return colon > slash
            ? new ImageReference(text[..colon], text[(colon + 1)..], digest)
            : new ImageReference(text, null, digest);
    }

    /// <summary>No digest, and a `latest` tag or no tag at all (which means latest).</summary>
    public bool IsLatest => Digest is null && (Tag is null || Tag.Equals("latest", StringComparison.OrdinalIgnoreCase));

    /// <summary>A digest, or a tag holding a full MAJOR.MINOR.PATCH version rather than a moving one such as 21-jre.</summary>
    public bool IsPinned => Digest is not null || (Tag is not null && FullVersion().IsMatch(Tag));

    public override string ToString() => Name + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);

    [GeneratedRegex(@"(?<![0-9.])[0-9]+\.[0-9]+\.[0-9]+")]
    private static partial Regex FullVersion();
}
