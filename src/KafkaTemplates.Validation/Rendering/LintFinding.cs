namespace KafkaTemplates.Validation.Rendering;

/// <summary>One [ERROR] or [WARNING] entry of `helm lint` output: the chart path it names and its message.</summary>
internal sealed record LintFinding(string Path, string Message)
{
    /// <summary>
    /// Reads `helm lint` output. Entries start with "[LEVEL] path: message" and may continue on indented lines;
    /// [INFO] entries are advice (an icon is recommended) and are left out.
    /// </summary>
    public static IReadOnlyList<LintFinding> Parse(string output)
    {
        var findings = new List<LintFinding>();
        string? level = null, path = null;
        var message = new List<string>();
        void Flush()
        {
            if (level is "ERROR" or "WARNING" && path is not null) findings.Add(new LintFinding(path, string.Join('\n', message)));
            level = path = null;
            message.Clear();
        }
        foreach (var raw in output.Replace("\r", "").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith('['))
            {
                Flush();
                var close = line.IndexOf(']', StringComparison.Ordinal);
                if (close < 0) continue;
                level = line[1..close];
                var rest = line[(close + 1)..].TrimStart();
                var colon = rest.IndexOf(": ", StringComparison.Ordinal);
                path = colon < 0 ? "" : rest[..colon];
                message.Add(colon < 0 ? rest.TrimStart(':', ' ') : rest[(colon + 2)..]);
            }
            else if (line.Length == 0 || line.StartsWith("==>", StringComparison.Ordinal) || line.StartsWith("Error:", StringComparison.Ordinal) || char.IsDigit(line[0]))
            {
                Flush();
            }
            else if (level is not null)
            {
                message.Add(line.Trim());
            }
        }
        Flush();
        return findings;
    }
}
