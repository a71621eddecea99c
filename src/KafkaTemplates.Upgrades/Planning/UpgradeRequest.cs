using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Planning;

/// <summary>What to upgrade and to what.</summary>
public sealed record UpgradeRequest
{
    public required string RepoDirectory { get; init; }

    /// <summary>A version (1.4.0), a folder, or git+URL@tag. Empty: the newest version the repo's source offers.</summary>
    public string? To { get; init; }

    /// <summary>Where the repo's recorded version can be found, when its recorded source cannot give it.</summary>
    public string? From { get; init; }

    /// <summary>New or changed answers (name, raw text), typed by the target's schema.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];

    public ConflictStyle ConflictStyle { get; init; } = ConflictStyle.Inline;

    /// <summary>Compute a unified diff of the template's own change for every file (diff shows them).</summary>
    public bool WithDiffs { get; init; }
}
