using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions.Builtin;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Writing;

namespace KafkaTemplates.Engine.Templates;

/// <summary>One line of a template that Backstage would refuse or render differently, and how to fix it.</summary>
public sealed record LintFinding(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// <c>kafka-templates template lint</c>: reads every file each <c>fetch:template</c> step renders (its contents and its
/// path) as Backstage would, and points at each line Backstage refuses, renders as nothing (<c>${{ github.sha }}</c>,
/// which names no value) or fails on when reached (an unknown filter), saying whether to list the file under
/// <c>copyWithoutTemplating</c> or wrap the text in <c>{% raw %}</c>. Files copied without templating and binary
/// files are not read, as Backstage does not render them.
/// </summary>
public static class TemplateLinter
{
    private static readonly IReadOnlySet<string> SkeletonRoots = new HashSet<string>(StringComparer.Ordinal) { "values" };

    public static IReadOnlyList<LintFinding> Lint(TemplateDefinition template, NunjucksRenderer renderer)
    {
        var findings = new List<LintFinding>();
        foreach (var step in template.Steps.Where(s => s.Action == "fetch:template"))
        {
            if (step.Input["url"] is not JsonValue url || !url.TryGetValue<string>(out var folder) || NunjucksTemplateHints.HasSyntax(folder)) continue;
            var source = Path.GetFullPath(Path.Combine(template.Directory, folder));
            if (!Directory.Exists(source)) continue;
            var copyOnly = FetchTemplateAction.Strings(step.Input["copyWithoutTemplating"] ?? step.Input["copyWithoutRender"]).Select(g => new Glob(g)).ToList();
            var extension = step.Input["templateFileExtension"] switch
            {
                JsonValue v when v.TryGetValue<bool>(out var b) => b ? ".njk" : null,
                JsonValue v when v.TryGetValue<string>(out var e) => e.StartsWith('.') ? e : "." + e,
                _ => null,
            };
            foreach (var (relative, content, _) in SkeletonFiles.Read(source))
            {
                var name = RepoPath.Combine(folder.TrimStart('.', '/'), relative);
                Add(findings, name + " (path)", renderer.Lint(relative, name, SkeletonRoots));
                var rendered = extension is not null ? relative.EndsWith(extension, StringComparison.Ordinal) : !Glob.MatchesAny(copyOnly, relative);
                if (!rendered || BinaryDetector.IsBinary(content)) continue;
                Add(findings, name, renderer.Lint(GeneratedFile.Utf8NoBom.GetString(content), name, SkeletonRoots));
            }
        }
        return findings;
    }

    private static void Add(List<LintFinding> findings, string file, IReadOnlyList<(int Line, string Problem)> found) =>
        findings.AddRange(found.Select(f => new LintFinding(file, f.Line, f.Problem)));
}
