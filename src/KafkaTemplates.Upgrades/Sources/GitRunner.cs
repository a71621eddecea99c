using System.Diagnostics;
using System.Text;

namespace KafkaTemplates.Upgrades.Sources;

/// <summary>Runs git, the tool every repo already has, for fetching template tags and checking working trees.</summary>
public static class GitRunner
{
    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        // Never wait for a password prompt, never read the user's pager.
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["GIT_PAGER"] = "cat";
        info.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new UpgradeException("cannot start git");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new UpgradeException("git is not installed or not on PATH; it is needed for git template sources and dirty-tree checks", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
