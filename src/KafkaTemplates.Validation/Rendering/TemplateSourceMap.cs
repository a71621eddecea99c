using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Finds the template line that wrote a field of a rendered object. Helm names the template of every rendered document
/// (<c># Source: kafka/templates/x.yaml</c>); this map reads that template with every <c>include</c>d named template
/// inlined where it is called, as Go templates execute, and searches it for the keys of the field's path in order.
/// When a key is not written literally (it came from <c>toYaml</c> of a value), the nearest written parent is used.
/// </summary>
internal sealed partial class TemplateSourceMap
{
    private const int MaxIncludeDepth = 12;
    private readonly RepoFiles _files;
    private readonly Lazy<GoTemplateDefines> _defines;
    private readonly ConcurrentDictionary<string, IReadOnlyList<SourceLine>> _expanded = new(StringComparer.Ordinal);

    public TemplateSourceMap(RepoFiles files)
    {
        _files = files;
        _defines = new(() => new GoTemplateDefines(
            files.List(RepoLayout.TemplatesFolder, "*", recursive: true).Select(f => (f, files.ReadText(f) ?? ""))));
    }

    /// <param name="sourceFile">The template helm named in the document's Source comment.</param>
    /// <param name="path">The field to find.</param>
    /// <param name="kind">The object's kind, whose line is the fallback when no key of the path is written literally.</param>
    /// <param name="lastKeyOccurrence">2 to find the second of two equal keys, where a duplicate key is reported.</param>
    public SourceMark Locate(string sourceFile, ManifestPath path, string? kind = null, int lastKeyOccurrence = 1)
    {
        var lines = Expanded(sourceFile);
        SourceLine? found = null;
        var column = 1;
        var position = 0;
        // Once a list item is found, its fields are searched for only until the item ends, so a field the item
        // lacks is not found in the next item.
        var limit = lines.Count;
        SourceLine? listKey = null;
        for (var s = 0; s < path.Segments.Count; s++)
        {
            var segment = path.Segments[s];
            if (segment.Key is { } key)
            {
                var pattern = KeyPattern(key);
                var at = Find(lines, position, limit, pattern);
                for (var n = 1; s == path.Segments.Count - 1 && n < lastKeyOccurrence && at >= 0; n++)
                    at = Find(lines, at + 1, limit, pattern) is var next and >= 0 ? next : at;
                if (at < 0) break;
                found = lines[at];
                listKey = lines[at];
                column = lines[at].Text.IndexOf(key, StringComparison.Ordinal) + 1;
                position = at + 1;
            }
            else if (segment.Hint is { } hint)
            {
                var at = FindItem(lines, position, limit, ItemPattern(hint), listKey);
                listKey = null;
                if (at < 0) continue;
                found = lines[at];
                column = FirstNonSpace(lines[at].Text);
                position = at + 1;
                limit = EndOfItem(lines, at, limit);
            }
        }
        if (found is not null) return new SourceMark(found.File, found.Line, Math.Max(1, column));
        if (kind is not null && Find(lines, 0, KeyValuePattern("kind", kind)) is var k and >= 0)
            return new SourceMark(lines[k].File, lines[k].Line, 1);
        if (Find(lines, 0, KeyPattern("apiVersion")) is var a and >= 0)
            return new SourceMark(lines[a].File, lines[a].Line, 1);
        return new SourceMark(sourceFile, 1, 1);
    }

    /// <summary>The first line of a file that mentions a literal text, such as an alert's metric name.</summary>
    public SourceMark? FindText(string sourceFile, string text, int fromLine = 1)
    {
        foreach (var line in Expanded(sourceFile).Where(l => l.File != sourceFile || l.Line >= fromLine))
        {
            var i = line.Text.IndexOf(text, StringComparison.Ordinal);
            if (i >= 0) return new SourceMark(line.File, line.Line, i + 1);
        }
        return null;
    }

    private IReadOnlyList<SourceLine> Expanded(string file) =>
        _expanded.GetOrAdd(file, f =>
        {
            var result = new List<SourceLine>();
            var text = _files.ReadText(f);
            if (text is null) return result;
            Append(result, f, text.Split('\n'), 1, [], 0);
            return result;
        });

    private void Append(List<SourceLine> into, string file, string[] lines, int firstLine, HashSet<string> active, int depth)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            into.Add(new SourceLine(file, firstLine + i, lines[i]));
            if (depth >= MaxIncludeDepth) continue;
            foreach (Match m in Include().Matches(lines[i]))
            {
                var name = m.Groups[1].Value;
                if (active.Contains(name) || _defines.Value.Find(name) is not { } block) continue;
                var blockLines = _files.ReadLines(block.File);
                var start = block.StartLine; // the define line itself holds no YAML
                var end = Math.Min(block.EndLine - 1, blockLines.Length);
                if (end <= start) continue;
                active.Add(name);
                Append(into, block.File, blockLines[start..end], start + 1, active, depth + 1);
                active.Remove(name);
            }
        }
    }

    private static int Find(IReadOnlyList<SourceLine> lines, int from, Regex pattern) => Find(lines, from, lines.Count, pattern);

    private static int Find(IReadOnlyList<SourceLine> lines, int from, int until, Regex pattern)
    {
        for (var i = from; i < until; i++)
            if (pattern.IsMatch(lines[i].Text)) return i;
        return -1;
    }

    /// <summary>
    /// The first item with the hint that belongs to the list under <paramref name="listKey"/>: written at the key's
    /// indentation or two deeper, not an item of a list nested further in (a volume mount named like a container).
    /// </summary>
    private static int FindItem(IReadOnlyList<SourceLine> lines, int from, int until, Regex pattern, SourceLine? listKey)
    {
        for (var i = from; i < until; i++)
        {
            if (!pattern.IsMatch(lines[i].Text)) continue;
            if (listKey is null || lines[i].File != listKey.File) return i;
            var depth = Indent(lines[i].Text) - Indent(listKey.Text);
            if (depth is 0 or 2) return i;
        }
        return -1;
    }

    /// <summary>
    /// The first line after a list item that is no longer part of it: in the item's own file, YAML (not a template
    /// action or a comment) indented no deeper than the item's dash.
    /// </summary>
    private static int EndOfItem(IReadOnlyList<SourceLine> lines, int item, int limit)
    {
        var indent = Indent(lines[item].Text);
        for (var i = item + 1; i < limit; i++)
        {
            var line = lines[i];
            var trimmed = line.Text.Trim();
            if (line.File != lines[item].File || trimmed.Length == 0 || trimmed.StartsWith("{{", StringComparison.Ordinal) || trimmed.StartsWith('#')) continue;
            if (Indent(line.Text) <= indent) return i;
        }
        return limit;
    }

    private static int Indent(string text) => text.Length - text.TrimStart(' ').Length;

    private static int FirstNonSpace(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] is not (' ' or '\t' or '-')) return i + 1;
        return 1;
    }

    private static Regex KeyPattern(string key) =>
        new(@"^\s*(?:-\s+)*[""']?" + Regex.Escape(key) + @"[""']?\s*:(?:\s|$)", RegexOptions.CultureInvariant);

    private static Regex ItemPattern(string hint) =>
        new(@"^\s*(?:-\s+)?(?:name|alert|record)\s*:\s*[""']?" + Regex.Escape(hint) + @"[""']?\s*(?:#.*)?$", RegexOptions.CultureInvariant);

    private static Regex KeyValuePattern(string key, string value) =>
        new(@"^\s*" + Regex.Escape(key) + @"\s*:\s*[""']?" + Regex.Escape(value) + @"[""']?\s*$", RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\b(?:include|template)\s+""([^""]+)""")]
    private static partial Regex Include();

    private sealed record SourceLine(string File, int Line, string Text);
}
