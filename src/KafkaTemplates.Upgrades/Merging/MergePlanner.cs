using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Upgrades.Merging;

/// <summary>
/// Decides, file by file, what an upgrade does, from base (the recorded version rendered with the recorded answers),
/// theirs (the target version) and ours (the repo on disk). The rule that matters: a change the team made is never
/// dropped. It is kept, merged, or left between conflict markers; a file is deleted only when it is exactly what the
/// old template wrote.
/// </summary>
internal static class MergePlanner
{
    public static IReadOnlyList<FileOutcome> Plan(FileSet @base, FileSet theirs, FileSet ours, MergeLabels labels, ConflictStyle style, bool withDiffs)
    {
        var outcomes = new List<FileOutcome>();
        foreach (var path in @base.Paths.Union(theirs.Paths).Order(StringComparer.Ordinal))
        {
            var b = @base.Find(path);
            var t = theirs.Find(path);
            var o = ours.Find(path);
            var diff = withDiffs ? UnifiedDiff.Between(b, t, labels) : null;
            outcomes.Add(PlanOne(path, b, t, o, labels, style, diff));
        }
        return outcomes;
    }

    private static FileOutcome PlanOne(string path, GeneratedFile? b, GeneratedFile? t, GeneratedFile? o, MergeLabels labels, ConflictStyle style, string? diff)
    {
        FileOutcome Status(FileStatus s, GeneratedFile? result = null) => new(path, s, result, [], diff);

        if (b is not null && t is null)
        {
            if (o is null) return Status(FileStatus.Unchanged);
            return Same(o, b) ? Status(FileStatus.RemovedByTemplate) : Status(FileStatus.RemovedByTemplateKeptLocal);
        }
        if (b is not null && o is null) return Same(b, t!) ? Status(FileStatus.Unchanged) : Status(FileStatus.DeletedLocally);
        if (b is null)
        {
            if (o is null) return Status(FileStatus.AddedByTemplate, t);
            if (Same(o, t!)) return Status(FileStatus.Unchanged);
            // The team and the new version both created this path: merge against an empty base.
            return Merge(path, GeneratedFile.FromText(path, ""), t!, o, labels, style, diff);
        }

        // All three exist.
        var localChanged = !Same(o!, b);
        var templateChanged = !Same(t!, b);
        if (!templateChanged) return localChanged ? Status(FileStatus.LocalChangeOnly) : Status(FileStatus.Unchanged);
        if (!localChanged) return Status(FileStatus.TemplateChange, t);
        if (Same(o!, t!)) return Status(FileStatus.Unchanged);
        return Merge(path, b, t!, o!, labels, style, diff);
    }

    private static FileOutcome Merge(string path, GeneratedFile b, GeneratedFile t, GeneratedFile o, MergeLabels labels, ConflictStyle style, string? diff)
    {
        // The executable bit follows the same rule as content: a side that changed it wins over the base.
        var mode = o.Mode == b.Mode ? t.Mode : o.Mode;
        var oursKeptContent = o.Content.Span.SequenceEqual(b.Content.Span);
        var theirsKeptContent = t.Content.Span.SequenceEqual(b.Content.Span);
        if (oursKeptContent || theirsKeptContent)
        {
            // One side changed only the mode: take the content of the side that changed it.
            var content = oursKeptContent ? t.Content : o.Content;
            return new FileOutcome(path, FileStatus.MergedCleanly, new GeneratedFile(path, content, mode), [], diff);
        }
        if (o.IsBinary || t.IsBinary || b.IsBinary)
        {
            // A binary file the team changed is kept; the new one goes beside it for a person to compare.
            return new FileOutcome(path, FileStatus.Conflict, null, [t with { Path = Beside(path, labels.TargetVersion) }], diff, 1);
        }
        var merged = GitMergeFile.Merge(o.Content.Span, b.Content.Span, t.Content.Span, labels);
        if (merged.Conflicts == 0)
            return new FileOutcome(path, FileStatus.MergedCleanly, new GeneratedFile(path, merged.Content, mode), [], diff);
        if (style == ConflictStyle.Rej)
        {
            // Stryker disable once String : both sides changed the content here, so the diff from b to t is never null and "" is never used
            var patch = UnifiedDiff.Between(b, t, labels) ?? "";
            return new FileOutcome(path, FileStatus.Conflict, null, [GeneratedFile.FromText(path + ".rej", patch)], diff, merged.Conflicts);
        }
        return new FileOutcome(path, FileStatus.Conflict, new GeneratedFile(path, merged.Content, mode), [], diff, merged.Conflicts);
    }

    private static bool Same(GeneratedFile a, GeneratedFile b) => a.Mode == b.Mode && a.Content.Span.SequenceEqual(b.Content.Span);

    /// <summary>logo.png with 1.1.0 → logo.template-1.1.0.png: the extension stays, so tools still open it.</summary>
    internal static string Beside(string path, string version)
    {
        var folder = RepoPath.Parent(path);
        var name = path[(folder is null ? 0 : folder.Length + 1)..];
        var dot = name.LastIndexOf('.');
        var beside = dot > 0 ? $"{name[..dot]}.template-{version}{name[dot..]}" : $"{name}.template-{version}";
        return folder is null ? beside : folder + "/" + beside;
    }
}
