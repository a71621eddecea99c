using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>Something wrong with a template, found when it is loaded, with the place to fix it.</summary>
public sealed record TemplateProblem(SourceMark Mark, string Message)
{
    public override string ToString() => $"{Mark}: {Message}";
}

/// <summary>A template that cannot be used; lists every problem found, not just the first.</summary>
public sealed class TemplateLoadException(IReadOnlyList<TemplateProblem> problems)
    : Exception(problems.Count == 1
        ? problems[0].ToString()
        : $"the template has {problems.Count} problems:" + string.Concat(problems.Select(p => "\n  " + p)))
{
    public IReadOnlyList<TemplateProblem> Problems { get; } = problems;
}
