namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>A template that cannot be expressed as a dotnet new template; lists every reason.</summary>
public sealed class ExportException(IReadOnlyList<string> problems)
    : Exception(problems.Count == 1
        ? "cannot export to dotnet new: " + problems[0]
        : $"cannot export to dotnet new ({problems.Count} problems):" + string.Concat(problems.Select(p => "\n  " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
