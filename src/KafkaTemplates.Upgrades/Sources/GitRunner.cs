using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Upgrades.Sources;

/// <summary>
/// The one way the tool runs git, for fetching template tags, checking working trees and merging files. The URLs,
/// tags and repos git works on are untrusted, so every run is hardened the same way: no system or user config (they
/// can name commands: credential helpers, fsmonitor, pagers, ssh and proxy commands), no config from the environment
/// (GIT_CONFIG_*), no hooks, no fsmonitor, no prompts, and only the transports a template source may use (no ext::,
/// fd::). Callers pass <c>--</c> before every user-controlled argument. A push or clone that needs a token gets it
/// as an HTTP header through the environment (<see cref="GitCredentials"/>): never in a URL, a .git/config, an
/// argument list or a log, and never sent on to another host by a redirect.
/// </summary>
public static class GitRunner
{
    /// <summary>Listing a remote's tags or cloning one tag: a stalled server must not hang a CI job.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Local work (status, merge-file) on a repo's own files.</summary>
    public static readonly TimeSpan LocalTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Config that can run a command or read elsewhere, switched off on the command line (it beats the repo's own config).</summary>
    internal static readonly string[] SafeConfig =
    [
        "-c", "core.hooksPath=/dev/null",
        "-c", "core.fsmonitor=false",
        "-c", "core.untrackedCache=false",
        "-c", "credential.helper=",
        "-c", "core.askPass=",
        "-c", "core.sshCommand=ssh -o BatchMode=yes",
        "-c", "core.gitProxy=",
        "-c", "core.pager=cat",
        "-c", "diff.external=",
        "-c", "protocol.allow=never",
        "-c", "protocol.https.allow=always",
        "-c", "protocol.http.allow=always",
        "-c", "protocol.ssh.allow=always",
        "-c", "protocol.file.allow=always",
        "-c", "submodule.recurse=false",
        "-c", "advice.detachedHead=false",
    ];

    /// <summary>The environment of every git run: nothing from config files or GIT_CONFIG_*, nothing that asks.</summary>
    internal static IReadOnlyDictionary<string, string?> Environment(GitCredentials? credentials = null)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_SYSTEM"] = "/dev/null",
            ["GIT_CONFIG_COUNT"] = null,
            ["GIT_CONFIG_PARAMETERS"] = null,
            ["GIT_CONFIG"] = null,
            ["GIT_ALLOW_PROTOCOL"] = GitSourceRules.AllowedProtocols,
            ["GIT_PROTOCOL_FROM_USER"] = "0",
            ["GIT_TERMINAL_PROMPT"] = "0",
            // Empty, not unset: git then asks no askpass program, and never falls back to SSH_ASKPASS.
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS"] = null,
            ["SSH_ASKPASS_REQUIRE"] = "never",
            ["GIT_SSH_COMMAND"] = null,
            ["GIT_SSH"] = null,
            ["GIT_PROXY_COMMAND"] = null,
            ["GIT_EXTERNAL_DIFF"] = null,
            ["GIT_PAGER"] = "cat",
            ["PAGER"] = "cat",
            ["GIT_EDITOR"] = ":",
            ["GIT_EXEC_PATH"] = null,
            ["GIT_TEMPLATE_DIR"] = "",
            ["GIT_DIR"] = null,
            ["GIT_WORK_TREE"] = null,
            ["GIT_INDEX_FILE"] = null,
            ["LC_ALL"] = "C",
            // Tracing would print the request headers, the token among them.
            ["GIT_TRACE"] = null,
            ["GIT_TRACE_CURL"] = null,
            ["GIT_TRACE_PACKET"] = null,
            ["GIT_CURL_VERBOSE"] = null,
        };
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.OfType<string>())
            if (name.StartsWith("GIT_CONFIG_KEY_", StringComparison.Ordinal) || name.StartsWith("GIT_CONFIG_VALUE_", StringComparison.Ordinal))
                environment[name] = null;
        if (credentials is not null)
        {
            environment["GIT_CONFIG_COUNT"] = "2";
            environment["GIT_CONFIG_KEY_0"] = "http.extraHeader";
            environment["GIT_CONFIG_VALUE_0"] = credentials.Header;
            environment["GIT_CONFIG_KEY_1"] = "http.followRedirects";
            environment["GIT_CONFIG_VALUE_1"] = "false";
        }
        return environment;
    }

    public static (int ExitCode, string Output, string Error) Run(string? workingDirectory, TimeSpan timeout, params string[] args)
    {
        // Stryker disable once Boolean : RunCore returns the output as bytes either way; the flag is not read
        var result = RunCore(workingDirectory, timeout, args, bytes: false);
        return (result.ExitCode, System.Text.Encoding.UTF8.GetString(result.Output), result.Error);
    }

    /// <summary>As <see cref="Run"/>, with standard output as bytes (merged file contents must not be re-encoded).</summary>
    public static (int ExitCode, byte[] Output, string Error) RunForBytes(string? workingDirectory, TimeSpan timeout, params string[] args) =>
        // Stryker disable once Boolean : RunCore returns the output as bytes either way; the flag is not read
        RunCore(workingDirectory, timeout, args, bytes: true);

    /// <summary>
    /// Runs git against a remote that needs a token (push, clone, ls-remote of a host's repo), without blocking a thread
    /// while it waits for the network.
    /// </summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string? workingDirectory, TimeSpan timeout,
        GitCredentials? credentials, CancellationToken cancellationToken, params string[] args)
    {
        var result = await RunCoreAsync(workingDirectory, timeout, args, credentials, cancellationToken);
        return (result.ExitCode, System.Text.Encoding.UTF8.GetString(result.Output), result.Error);
    }

    private static (int ExitCode, byte[] Output, string Error) RunCore(string? workingDirectory, TimeSpan timeout, string[] args, bool bytes) =>
        RunCoreAsync(workingDirectory, timeout, args, null, CancellationToken.None).GetAwaiter().GetResult();

    private static async Task<(int ExitCode, byte[] Output, string Error)> RunCoreAsync(string? workingDirectory, TimeSpan timeout, string[] args,
        GitCredentials? credentials, CancellationToken cancellationToken)
    {
        try
        {
            var options = new ExternalToolOptions { WorkingDirectory = workingDirectory, Environment = Environment(credentials), Timeout = timeout };
            var (exitCode, output, error, timedOut) = await ExternalTool.RunForBytesAsync("git", [.. SafeConfig, .. args], options, cancellationToken);
            if (timedOut) throw new UpgradeException($"git {args[0]} did not finish within {timeout.TotalMinutes:0} minutes; check that the git server answers, then try again");
            return (exitCode, output, error);
        }
        catch (ToolNotFoundException e)
        {
            throw new UpgradeException("git is not installed or not on PATH; it is needed for git template sources, dirty-tree checks and merges", e);
        }
    }
}
