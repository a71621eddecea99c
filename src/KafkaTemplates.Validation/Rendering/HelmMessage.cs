using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Turns what helm prints about a failure into a location and a one-line message. Helm names template positions as
/// <c>kafka/templates/x.yaml:12:3</c> (the chart by its name), which maps to <c>helm/templates/x.yaml</c> in the repo.
/// </summary>
internal static partial class HelmMessage
{
    /// <param name="text">helm's output about one problem.</param>
    /// <param name="fallbackFile">The file to name when helm names none.</param>
    /// <param name="chartKey">Finds a key of Chart.yaml, for helm's chart.metadata.* messages.</param>
    public static (SourceMark At, string Message) Parse(string text, string fallbackFile, Func<string, SourceMark?> chartKey)
    {
        var message = Normalize(text);
        if (TemplatePosition().Match(message) is { Success: true } position)
        {
            var file = HelmOutput.RepoPath(position.Groups["path"].Value, "helm");
            var line = int.Parse(position.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = position.Groups["col"].Success ? int.Parse(position.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture) : 1;
            return (new SourceMark(file, line, column), Clean(message.Remove(position.Index, position.Length)));
        }
        if (TemplateFile().Match(message) is { Success: true } fileOnly)
            return (new SourceMark(HelmOutput.RepoPath(fileOnly.Groups["path"].Value, "helm"), 1, 1), Clean(message));
        if (ChartField().Match(message) is { Success: true } field && chartKey(field.Groups[1].Value) is { } mark)
            return (mark, Clean(message));
        return (new SourceMark(fallbackFile, 1, 1), Clean(message));
    }

    /// <summary>One line: helm's "Error: " prefix, its --debug hint and line breaks removed.</summary>
    public static string Normalize(string text)
    {
        var lines = text.Replace("\r", "").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("Use --debug", StringComparison.Ordinal));
        var joined = string.Join(' ', lines);
        while (joined.StartsWith("Error: ", StringComparison.Ordinal)) joined = joined["Error: ".Length..];
        return joined;
    }

    private static string Clean(string message)
    {
        var m = message.Replace("execution error at ()", "", StringComparison.Ordinal)
            .Replace("template: :", "", StringComparison.Ordinal)
            .Replace("()", "", StringComparison.Ordinal);
        m = Spaces().Replace(m, " ").Trim().TrimStart(':').Trim();
        return m.Length == 0 ? "helm failed without saying why" : m;
    }

    [GeneratedRegex(@"(?<path>[A-Za-z0-9_.-]+/templates/[^\s:()""]+):(?<line>\d+)(?::(?<col>\d+))?")]
    private static partial Regex TemplatePosition();

    [GeneratedRegex(@"(?<path>[A-Za-z0-9_.-]+/templates/[^\s:()""]+)")]
    private static partial Regex TemplateFile();

    [GeneratedRegex(@"chart\.metadata\.([A-Za-z]+)")]
    private static partial Regex ChartField();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
