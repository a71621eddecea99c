namespace KafkaTemplates.Upgrades.Merging;

/// <summary>The names conflict markers carry: the team's side and the two template versions.</summary>
internal sealed record MergeLabels(string Local, string Base, string Target, string TargetVersion)
{
    public static MergeLabels For(string templateId, string baseVersion, string targetVersion) =>
        new("local (your repo)", $"{templateId} {baseVersion}", $"{templateId} {targetVersion}", targetVersion);
}

/// <summary>How a text conflict is left for a person: markers in the file, or the file untouched plus a .rej patch.</summary>
public enum ConflictStyle { Inline, Rej }
