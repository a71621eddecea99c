using System.Text.RegularExpressions;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>
/// The rules a skeleton keeps so that dotnet new (plain replacement), this engine and Backstage (Nunjucks) write the
/// same bytes: templated files hold values only as <c>${{ values.&lt;name&gt; }}</c>, no tags, no comments, no other
/// <c>${{ }}</c>, and no line dotnet new would read as one of its own conditionals; files copied as they are hold no
/// placeholder at all.
/// </summary>
internal static partial class SkeletonContract
{
    public static IEnumerable<string> CheckTemplated(string displayPath, string text, IReadOnlySet<string> values)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            foreach (Match m in Placeholder().Matches(line))
            {
                if (!Exact().IsMatch(m.Value))
                    yield return $"{displayPath}:{i + 1}: '{m.Value}' is not a plain ${{{{ values.<name> }}}}; only that form renders the same under dotnet new (copy the file without templating if the text is not ours)";
                else if (!values.Contains(Exact().Match(m.Value).Groups[1].Value))
                    yield return $"{displayPath}:{i + 1}: '{m.Value}' names a value the step does not pass (values: {string.Join(", ", values.Order(StringComparer.Ordinal))})";
            }
            if (line.Contains("${{", StringComparison.Ordinal) && !Placeholder().IsMatch(line))
                yield return $"{displayPath}:{i + 1}: an unclosed '${{{{'; copy the file without templating";
            if (line.Contains("{%", StringComparison.Ordinal) || line.Contains("{#", StringComparison.Ordinal))
                yield return $"{displayPath}:{i + 1}: '{{%' and '{{#' are Nunjucks syntax that dotnet new does not run; copy the file without templating or move the choice into a separate source folder";
            if (DotnetNewDirective().IsMatch(line))
                yield return $"{displayPath}:{i + 1}: dotnet new reads '{line.Trim()}' as one of its own conditionals; reword the line or copy the file without templating";
        }
    }

    public static IEnumerable<string> CheckCopiedAsIs(string displayPath, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (Exact().IsMatch(lines[i]))
                yield return $"{displayPath}:{i + 1}: the file is copied without templating, so '{Exact().Match(lines[i]).Value}' would stay as written; template the file or drop the placeholder";
    }

    public static IEnumerable<string> CheckPath(string path, IReadOnlySet<string> values)
    {
        foreach (Match m in Placeholder().Matches(path))
        {
            if (!Exact().IsMatch(m.Value) || !values.Contains(Exact().Match(m.Value).Groups[1].Value))
                yield return $"{path}: a file name may only use ${{{{ values.<name> }}}} with a value the step passes";
        }
        if (path.Contains("{%", StringComparison.Ordinal)) yield return $"{path}: Nunjucks tags in file names do not render under dotnet new";
    }

    public static bool IsBinary(byte[] content) => BinaryDetector.IsBinary(content);

    [GeneratedRegex(@"\$\{\{.*?\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\$\{\{ values\.([A-Za-z_][A-Za-z0-9_]*) \}\}")]
    private static partial Regex Exact();

    [GeneratedRegex(@"^\s*(#|//|<!--|/\*|\*|--|')?\s*#?(if|elif|elseif|else|endif)\b\s*(\(|$|-->|\*/)|^\s*(//|#|<!--)\s*[-+]:cnd")]
    private static partial Regex DotnetNewDirective();
}
