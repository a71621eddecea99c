using System.Reflection;

namespace KafkaTemplates.Validation.Output;

/// <summary>The tool's name and version as machine-readable reports state them.</summary>
internal static class ToolInfo
{
    public const string Name = "kafka-templates";

    public static string Version { get; } =
        typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
