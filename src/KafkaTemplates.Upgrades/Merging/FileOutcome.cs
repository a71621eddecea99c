using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Upgrades.Merging;

/// <summary>
/// The planned result for one path: its status, the file to write (null: delete, or leave as it is when the status
/// changes nothing), extra files beside it (a .rej patch, the new binary), and the template's own change as a diff.
/// </summary>
public sealed record FileOutcome(string Path, FileStatus Status, GeneratedFile? Result, IReadOnlyList<GeneratedFile> Extra, string? TemplateDiff, int Conflicts = 0)
{
    public bool Deletes => Status == FileStatus.RemovedByTemplate;
}
