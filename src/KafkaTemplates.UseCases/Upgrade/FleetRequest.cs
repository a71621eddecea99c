namespace KafkaTemplates.UseCases.Upgrade;

/// <summary>Repos to compare with a template version, and the version.</summary>
public sealed record FleetRequest
{
    /// <summary>The repos' folders, as absolute paths.</summary>
    public required IReadOnlyList<string> Repos { get; init; }

    /// <summary>A version, an absolute folder, or git+URL@tag. Null: the newest version of each repo's source.</summary>
    public string? To { get; init; }

    /// <summary>Where each recorded version is, when its recorded source cannot give it.</summary>
    public string? From { get; init; }

    /// <summary>Answers to change or add for the target version.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Set { get; init; } = [];

    /// <summary>Compute each file's unified diff of the template's own change.</summary>
    public bool WithDiffs { get; init; }
}
