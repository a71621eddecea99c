using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>Runs helm for the installer; a helm that cannot start is bad input (exit 2), with the reason.</summary>
internal static class HelmProcess
{
    public static async Task<ToolResult> RunAsync(string helm, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory, CancellationToken cancellationToken)
    {
        try
        {
            return await ExternalTool.RunAsync(helm, arguments, new ExternalToolOptions
            {
                WorkingDirectory = workingDirectory,
                Environment = environment?.ToDictionary(kv => kv.Key, kv => (string?)kv.Value),
            }, cancellationToken);
        }
        catch (ToolNotFoundException e)
        {
            throw new InstallInputException(e.Message, e);
        }
    }
}
