namespace KafkaTemplates.Engine.Tools;

/// <summary>One document of `helm template` output, with the chart file helm says it came from.</summary>
/// <param name="Source">The chart file from helm's <c># Source: &lt;chart&gt;/templates/x.yaml</c> line, or null.</param>
/// <param name="Text">The document's YAML, line numbers counted from its first line.</param>
public sealed record HelmDocument(string? Source, string Text)
{
    /// <summary>
    /// The source as a path in the repo: helm names the chart by its name ("kafka/templates/x.yaml"), and in the repo
    /// the chart is the folder <paramref name="chartFolder"/>.
    /// </summary>
    public string RepoPath(string chartFolder) => Source is null ? chartFolder : HelmOutput.RepoPath(Source, chartFolder);
}

/// <summary>Splits `helm template` output at its <c>---</c> lines into documents, leaving out those with nothing but comments.</summary>
public static class HelmOutput
{
    private const string SourcePrefix = "# Source: ";

    /// <summary>A chart file as helm names it ("kafka/templates/x.yaml", the chart by its name) as a repo path.</summary>
    public static string RepoPath(string helmPath, string chartFolder)
    {
        var slash = helmPath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? chartFolder + "/" + helmPath : chartFolder + helmPath[slash..];
    }

    public static IEnumerable<HelmDocument> Split(string output)
    {
        var current = new List<string>();
        foreach (var raw in output.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.TrimEnd() == "---")
            {
                if (Complete(current) is { } doc) yield return doc;
                current.Clear();
                continue;
            }
            current.Add(raw);
        }
        if (Complete(current) is { } last) yield return last;
    }

    private static HelmDocument? Complete(List<string> lines)
    {
        if (lines.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith('#'))) return null;
        var source = lines.FirstOrDefault(l => l.StartsWith(SourcePrefix, StringComparison.Ordinal));
        return new HelmDocument(source?[SourcePrefix.Length..].Trim(), string.Join('\n', lines) + "\n");
    }
}
