using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Works out the path of the key at a line of block-style YAML from indentation alone, as helm prints it. Used where a
/// parser stopped at a line (a duplicate key, a field of the wrong type) and no parsed tree is there to ask.
/// </summary>
internal static partial class YamlTextPath
{
    public static ManifestPath At(string[] lines, int line)
    {
        if (line < 1 || line > lines.Length) return ManifestPath.Root;
        var target = Parse(lines[line - 1]);
        if (target is null) return ManifestPath.Root;
        var path = ManifestPath.Root;
        int indent;
        var allowEqual = false;
        if (target.Value.Key is { } key) path = path.Prepend(new PathSegment(key, null));
        if (target.Value.Dash)
        {
            path = path.Prepend(new PathSegment(null, target.Value.Hint));
            indent = target.Value.Indent;
            allowEqual = true;
        }
        else
        {
            indent = target.Value.ContentIndent;
        }

        for (var j = line - 2; j >= 0 && indent > 0; j--)
        {
            if (Parse(lines[j]) is not { } p) continue;
            if (p.Dash)
            {
                if (p.Indent >= indent) continue;
                if (p.ContentIndent < indent && p.Key is { } itemKey && p.OpensBlock)
                    path = path.Prepend(new PathSegment(itemKey, null));
                else if (p.ContentIndent > indent) continue;
                path = path.Prepend(new PathSegment(null, p.Hint));
                indent = p.Indent;
                allowEqual = true;
                continue;
            }
            if (p.Key is null || !p.OpensBlock) continue;
            if (p.Indent < indent || (allowEqual && p.Indent == indent))
            {
                path = path.Prepend(new PathSegment(p.Key, null));
                indent = p.Indent;
                allowEqual = false;
            }
        }
        return path;
    }

    private static Line? Parse(string text)
    {
        var trimmed = text.TrimEnd('\r');
        var indent = trimmed.Length - trimmed.TrimStart(' ').Length;
        var rest = trimmed[indent..];
        if (rest.Length == 0 || rest[0] == '#' || rest.StartsWith("---", StringComparison.Ordinal)) return null;
        var dash = false;
        var contentIndent = indent;
        if (rest == "-" || rest.StartsWith("- ", StringComparison.Ordinal))
        {
            dash = true;
            var after = rest.Length > 1 ? rest[2..] : "";
            contentIndent = indent + 2 + (after.Length - after.TrimStart(' ').Length);
            rest = after.TrimStart(' ');
        }
        var m = KeyLine().Match(rest);
        if (!m.Success) return new Line(indent, contentIndent, dash, null, null, false);
        var key = m.Groups["key"].Value.Trim('"', '\'');
        var value = m.Groups["value"].Value.Trim();
        var opens = value.Length == 0 || value.StartsWith('#') || value.StartsWith('&');
        var hint = dash && key is "name" or "alert" or "record" && !opens ? value.Trim('"', '\'') : null;
        return new Line(indent, contentIndent, dash, key, hint, opens);
    }

    private readonly record struct Line(int Indent, int ContentIndent, bool Dash, string? Key, string? Hint, bool OpensBlock);

    [GeneratedRegex(@"^(?<key>""[^""]*""|'[^']*'|[^\s:#][^:#]*?)\s*:(?:\s+(?<value>.*))?$")]
    private static partial Regex KeyLine();
}
