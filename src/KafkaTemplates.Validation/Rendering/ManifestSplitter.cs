namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Splits `helm template` output into documents and maps each to the repo file of its template, from the
/// <c># Source: &lt;chart&gt;/templates/x.yaml</c> comment helm writes on top of every document.
/// </summary>
internal static class ManifestSplitter
{
    private const string SourcePrefix = "# Source: ";

    public static IEnumerable<(string SourceFile, string Text)> Split(string output, string chartFolder)
    {
        var current = new List<string>();
        foreach (var raw in output.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.TrimEnd() == "---")
            {
                if (Complete(current, chartFolder) is { } doc) yield return doc;
                current.Clear();
                continue;
            }
            current.Add(raw);
        }
        if (Complete(current, chartFolder) is { } last) yield return last;
    }

    private static (string, string)? Complete(List<string> lines, string chartFolder)
    {
        if (lines.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#'))) return null;
        var source = lines.FirstOrDefault(l => l.StartsWith(SourcePrefix, StringComparison.Ordinal));
        var file = source is null ? chartFolder : ToRepoPath(source[SourcePrefix.Length..].Trim(), chartFolder);
        return (file, string.Join('\n', lines) + "\n");
    }

    /// <summary>"kafka/templates/x.yaml" names the chart by its name; in the repo the chart is the helm folder.</summary>
    public static string ToRepoPath(string helmPath, string chartFolder)
    {
        var slash = helmPath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? chartFolder + "/" + helmPath : chartFolder + helmPath[slash..];
    }
}
