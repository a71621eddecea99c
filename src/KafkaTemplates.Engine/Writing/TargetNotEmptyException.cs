namespace KafkaTemplates.Engine.Writing;

/// <summary>The output folder already holds files and <c>--force</c> was not given.</summary>
public sealed class TargetNotEmptyException(string target)
    : Exception($"'{target}' already exists and is not empty; choose another folder or pass {Text.Setting.Force} to write into it")
{
    public string Target { get; } = target;
}
