using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Repo;

/// <summary>KT1007: conflicts an upgrade (or any merge) left for a person: marker lines, and .rej files.</summary>
internal sealed class ConflictMarkersRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        foreach (var conflict in context.Conflicts)
        {
            if (conflict.IsRejectFile)
            {
                context.Report(DiagnosticCatalog.UnresolvedConflict, new SourceMark(conflict.Path, 1, 1),
                    $"{conflict.Path} holds a change of the template that did not apply; apply it to {conflict.Path[..^".rej".Length]} by hand, then delete {conflict.Path}");
                continue;
            }
            foreach (var line in conflict.Lines)
                context.Report(DiagnosticCatalog.UnresolvedConflict, new SourceMark(conflict.Path, line, 1),
                    $"unresolved conflict markers (<<<<<<< ... >>>>>>>) from line {line}; keep the lines you want, delete the marker lines, and commit");
        }
    }
}
