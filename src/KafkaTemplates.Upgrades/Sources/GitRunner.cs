using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Upgrades.Sources;

/// <summary>Runs git, the tool every repo already has, for fetching template tags and checking working trees.</summary>
public static class GitRunner
{
    /// <summary>Never wait for a password prompt, never read the user's pager, always English messages.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> Quiet = new Dictionary<string, string?>
    {
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_PAGER"] = "cat",
        ["LC_ALL"] = "C",
    };

    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, params string[] args)
    {
        try
        {
            var result = ExternalTool.RunAsync("git", args, new ExternalToolOptions { WorkingDirectory = workingDirectory, Environment = Quiet })
                .GetAwaiter().GetResult();
            return (result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (ToolNotFoundException e)
        {
            throw new UpgradeException("git is not installed or not on PATH; it is needed for git template sources, dirty-tree checks and merges", e);
        }
    }
}
