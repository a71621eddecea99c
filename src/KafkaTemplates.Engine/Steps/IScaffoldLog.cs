namespace KafkaTemplates.Engine.Steps;

public enum ScaffoldLogLevel { Debug, Info, Warning }

/// <summary>One line of a scaffolding run's log, as the CLI prints it and the portal streams it.</summary>
public sealed record ScaffoldLogEntry(DateTimeOffset Time, ScaffoldLogLevel Level, string? StepId, string Message);

/// <summary>Where steps report what they do.</summary>
public interface IScaffoldLog
{
    void Write(ScaffoldLogLevel level, string? stepId, string message);
}

internal static class ScaffoldLogExtensions
{
    public static void Info(this IScaffoldLog log, string? stepId, string message) => log.Write(ScaffoldLogLevel.Info, stepId, message);

    public static void Warn(this IScaffoldLog log, string? stepId, string message) => log.Write(ScaffoldLogLevel.Warning, stepId, message);

    public static void Debug(this IScaffoldLog log, string? stepId, string message) => log.Write(ScaffoldLogLevel.Debug, stepId, message);
}
