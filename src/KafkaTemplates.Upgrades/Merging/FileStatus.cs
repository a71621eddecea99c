namespace KafkaTemplates.Upgrades.Merging;

/// <summary>What an upgrade does to one file, from the template's two versions and the file on disk.</summary>
public enum FileStatus
{
    /// <summary>Neither the template nor the team changed it.</summary>
    Unchanged,

    /// <summary>The template changed it and the team did not: the new version applies cleanly.</summary>
    TemplateChange,

    /// <summary>The team changed it and the template did not: the team's version stays.</summary>
    LocalChangeOnly,

    /// <summary>Both changed it, in different places: the changes merge cleanly.</summary>
    MergedCleanly,

    /// <summary>Both changed the same lines, or a binary file: needs a person.</summary>
    Conflict,

    /// <summary>The new version adds it.</summary>
    AddedByTemplate,

    /// <summary>The new version drops it and the team never changed it: it is deleted.</summary>
    RemovedByTemplate,

    /// <summary>The new version drops it but the team changed it: it is kept and reported.</summary>
    RemovedByTemplateKeptLocal,

    /// <summary>The team deleted it: it stays deleted.</summary>
    DeletedLocally,
}

public static class FileStatusText
{
    public static string Describe(this FileStatus status) => status switch
    {
        FileStatus.Unchanged => "unchanged",
        FileStatus.TemplateChange => "template change, applies cleanly",
        FileStatus.LocalChangeOnly => "local change only",
        FileStatus.MergedCleanly => "both changed, merges cleanly",
        FileStatus.Conflict => "conflict",
        FileStatus.AddedByTemplate => "added by the template",
        FileStatus.RemovedByTemplate => "removed by the template",
        FileStatus.RemovedByTemplateKeptLocal => "removed by the template, kept (local changes)",
        FileStatus.DeletedLocally => "deleted locally, stays deleted",
        _ => status.ToString(),
    };

    /// <summary>Statuses that change something on disk.</summary>
    public static bool ChangesDisk(this FileStatus status) =>
        status is FileStatus.TemplateChange or FileStatus.MergedCleanly or FileStatus.Conflict or FileStatus.AddedByTemplate or FileStatus.RemovedByTemplate;
}
