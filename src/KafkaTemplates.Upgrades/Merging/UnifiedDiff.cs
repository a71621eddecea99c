using System.Text;
using DiffPlex;
using DiffPlex.Model;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Upgrades.Merging;

/// <summary>Unified diffs (the format of git diff and patch) of what a template version changes in a file.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff from the old to the new file, or null when nothing changed. Handles added and removed files.</summary>
    public static string? Between(GeneratedFile? before, GeneratedFile? after, MergeLabels labels)
    {
        if (before is null && after is null) return null;
        // Stryker disable once NullCoalescing : before and after are one path's two versions, so either gives the path
        var path = (after ?? before)!.Path;
        if (before is not null && after is not null && before.Mode == after.Mode && before.Content.Span.SequenceEqual(after.Content.Span)) return null;
        var header = new StringBuilder();
        header.Append("--- ").Append(before is null ? "/dev/null" : $"a/{path}").Append($"\t({labels.Base})\n");
        header.Append("+++ ").Append(after is null ? "/dev/null" : $"b/{path}").Append($"\t({labels.Target})\n");
        if (before is not null && after is not null && before.Mode != after.Mode)
            header.Append($"# mode {before.Mode.ToOctal()} -> {after.Mode.ToOctal()}\n");
        if ((before?.IsBinary ?? false) || (after?.IsBinary ?? false))
            return header.Append("Binary files differ\n").ToString();
        var body = Text(before?.ReadText() ?? "", after?.ReadText() ?? "");
        return header.Append(body).ToString();
    }

    public static string Text(string before, string after)
    {
        var a = SplitLines(before);
        var b = SplitLines(after);
        // Lines are compared with their line end, so a last line without a newline differs from the same line with one.
        var diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        var sb = new StringBuilder();
        var blocks = diff.DiffBlocks;
        var i = 0;
        while (i < blocks.Count)
        {
            // Group blocks whose context overlaps into one hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context) j++;
            var startA = Math.Max(0, blocks[i].DeleteStartA - Context);
            var startB = Math.Max(0, blocks[i].InsertStartB - Context);
            var endA = Math.Min(a.Lines.Length, blocks[j].DeleteStartA + blocks[j].DeleteCountA + Context);
            var endB = Math.Min(b.Lines.Length, blocks[j].InsertStartB + blocks[j].InsertCountB + Context);
            sb.Append($"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@\n");
            var posA = startA;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; posA < block.DeleteStartA; posA++) Line(sb, ' ', a, posA);
                for (var d = 0; d < block.DeleteCountA; d++) Line(sb, '-', a, block.DeleteStartA + d);
                for (var n = 0; n < block.InsertCountB; n++) Line(sb, '+', b, block.InsertStartB + n);
                posA = block.DeleteStartA + block.DeleteCountA;
            }
            for (; posA < endA; posA++) Line(sb, ' ', a, posA);
            i = j + 1;
        }
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, char sign, (string[] Lines, bool FinalNewline) text, int index)
    {
        sb.Append(sign).Append(text.Lines[index]).Append('\n');
        if (index == text.Lines.Length - 1 && !text.FinalNewline) sb.Append("\\ No newline at end of file\n");
    }

    private static string Range(int start, int count) =>
        count == 1 ? $"{start + 1}" : $"{(count == 0 ? start : start + 1)},{count}";

    private static (string[] Lines, bool FinalNewline) SplitLines(string text)
    {
        // Stryker disable once Boolean : an empty text has no last line, so its final-newline flag is never read
        if (text.Length == 0) return ([], true);
        var finalNewline = text.EndsWith('\n');
        var body = finalNewline ? text[..^1] : text;
        return (body.Split('\n'), finalNewline);
    }

    /// <summary>
    /// Lines with their \n, one chunk per entry of <see cref="SplitLines"/>: a \r stays part of its line, so CRLF files
    /// diff as they are, and a last line without a newline is a line of its own.
    /// </summary>
    private sealed class LineChunker : DiffPlex.IChunker
    {
        public static readonly LineChunker Instance = new();

        public IReadOnlyList<string> Chunk(string text)
        {
            var lines = new List<string>();
            for (var start = 0; start < text.Length;)
            {
                var end = text.IndexOf('\n', start);
                var next = end < 0 ? text.Length : end + 1;
                lines.Add(text[start..next]);
                start = next;
            }
            return lines;
        }
    }
}
