namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// What the CLI needs to know about where it runs: the working folder, the environment variables, and whether a
/// person is at a terminal. Tests supply their own.
/// </summary>
internal sealed class CliEnvironment
{
    public required string WorkingDirectory { get; init; }

    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>A terminal where prompts and progress make sense.</summary>
    public required bool IsTerminal { get; init; }

    /// <summary>CI systems set CI=true; then nothing prompts and progress stays quiet.</summary>
    public bool IsCi => Variables.TryGetValue("CI", out var ci) && ci.ToLowerInvariant() is "true" or "1" or "yes";

    public bool CanPrompt => IsTerminal && !IsCi;

    public string ResolvePath(string path) => Path.GetFullPath(Path.Combine(WorkingDirectory, path));

    public static CliEnvironment FromProcess() => new()
    {
        WorkingDirectory = Directory.GetCurrentDirectory(),
        Variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal),
        IsTerminal = !Console.IsInputRedirected && !Console.IsOutputRedirected,
    };
}
