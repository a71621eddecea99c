using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>Something wrong with a template, found when it is loaded, with the place to fix it.</summary>
public sealed record TemplateProblem(SourceMark Mark, string Message)
{
    public override string ToString() => $"{Mark}: {Message}";
}

/// <summary>
/// A template that cannot be used; lists every problem found, not just the first, up to
/// <see cref="InputLimits.MaxErrors"/> of them in reading order, and counts the rest in <see cref="Omitted"/>.
/// </summary>
public sealed class TemplateLoadException(IReadOnlyList<TemplateProblem> problems)
    : Exception(Describe(problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = Sort(problems).Take(InputLimits.Default.MaxErrors).ToList();

    /// <summary>Problems beyond those listed.</summary>
    public int Omitted { get; } = Math.Max(0, problems.Count - InputLimits.Default.MaxErrors);

    private static List<TemplateProblem> Sort(IEnumerable<TemplateProblem> problems) =>
        problems.OrderBy(p => p.Mark.File, StringComparer.Ordinal).ThenBy(p => p.Mark.Line).ThenBy(p => p.Mark.Column).ToList();

    private static string Describe(IReadOnlyList<TemplateProblem> problems)
    {
        var listed = Sort(problems).Take(InputLimits.Default.MaxErrors).ToList();
        return problems.Count == 1
            ? listed[0].ToString()
            : $"the template has {problems.Count} problems:" + string.Concat(listed.Select(p => "\n  " + p))
              + (problems.Count > listed.Count ? $"\n  ... and {problems.Count - listed.Count} more" : "");
    }
}
