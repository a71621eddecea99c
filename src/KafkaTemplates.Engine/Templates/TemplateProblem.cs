using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>Something wrong with a template, found when it is loaded, with the place to fix it.</summary>
public sealed record TemplateProblem(SourceMark Mark, string Message)
{
    public override string ToString() => $"{Mark}: {Message}";
}

/// <summary>A template that cannot be used; lists every problem found, not just the first.</summary>
public sealed class TemplateLoadException(IReadOnlyList<TemplateProblem> problems)
    : Exception(Describe(problems))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = Sort(problems);

    private static List<TemplateProblem> Sort(IEnumerable<TemplateProblem> problems) =>
        problems.OrderBy(p => p.Mark.File, StringComparer.Ordinal).ThenBy(p => p.Mark.Line).ThenBy(p => p.Mark.Column).ToList();

    private static string Describe(IReadOnlyList<TemplateProblem> problems)
    {
        var sorted = Sort(problems);
        return sorted.Count == 1
            ? sorted[0].ToString()
            : $"the template has {sorted.Count} problems:" + string.Concat(sorted.Select(p => "\n  " + p));
    }
}
