using System.Net;
using System.Net.Sockets;
using System.Text;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// The one way the tool runs git is hardened against untrusted URLs, tags and repos: what git itself, and every
/// program git starts (a shell alias here, in real life hooks, ssh, credential helpers), sees of its config and
/// environment. Alone in its collection: the tests poison the process environment and PATH, which no other test's git
/// run may see.
/// </summary>
[Collection(ProcessEnvironmentAlone.Name)]
public class GitRunnerTests
{
    /// <summary>Every config entry git reads, with its origin: only the hardening from the command line, nothing from a file.</summary>
    private static readonly string[] HardeningConfig =
    [
        "command line:\tcore.hookspath=/dev/null",
        "command line:\tcore.fsmonitor=false",
        "command line:\tcore.untrackedcache=false",
        "command line:\tcredential.helper=",
        "command line:\tcore.askpass=",
        "command line:\tcore.sshcommand=ssh -o BatchMode=yes",
        "command line:\tcore.gitproxy=",
        "command line:\tcore.pager=cat",
        "command line:\tdiff.external=",
        "command line:\tprotocol.allow=never",
        "command line:\tprotocol.https.allow=always",
        "command line:\tprotocol.http.allow=always",
        "command line:\tprotocol.ssh.allow=always",
        "command line:\tprotocol.file.allow=always",
        "command line:\tsubmodule.recurse=false",
        "command line:\tadvice.detachedhead=false",
    ];

    /// <summary>Variables a caller's environment may hold that would hand git a command, a config, a repo or a trace of the token.</summary>
    private static readonly Dictionary<string, string> Poison = new(StringComparer.Ordinal)
    {
        ["GIT_CONFIG_COUNT"] = "1",
        ["GIT_CONFIG_KEY_0"] = "kt.poisoned",
        ["GIT_CONFIG_VALUE_0"] = "count",
        ["GIT_CONFIG_KEY_7"] = "kt.poisoned7",
        ["GIT_CONFIG_VALUE_7"] = "seven",
        ["GIT_CONFIG_PARAMETERS"] = "'kt.poisoned'='parameters'",
        ["GIT_CONFIG"] = "kt-poisoned-config",
        ["SSH_ASKPASS"] = "kt-poisoned-askpass",
        ["GIT_SSH_COMMAND"] = "kt-poisoned-ssh-command",
        ["GIT_SSH"] = "kt-poisoned-ssh",
        ["GIT_PROXY_COMMAND"] = "kt-poisoned-proxy",
        ["GIT_EXTERNAL_DIFF"] = "kt-poisoned-diff",
        ["GIT_EXEC_PATH"] = "/kt-poisoned-exec-path",
        ["GIT_DIR"] = "/kt-poisoned-git-dir",
        ["GIT_WORK_TREE"] = "/kt-poisoned-work-tree",
        ["GIT_INDEX_FILE"] = "/kt-poisoned-index",
        ["GIT_TRACE"] = "0",
        ["GIT_TRACE_CURL"] = "0",
        ["GIT_TRACE_PACKET"] = "0",
        ["GIT_CURL_VERBOSE"] = "0",
        ["GIT_ASKPASS"] = "kt-poisoned-askpass",
        ["GIT_TERMINAL_PROMPT"] = "1",
        ["GIT_ALLOW_PROTOCOL"] = "ext",
        ["GIT_PROTOCOL_FROM_USER"] = "1",
        ["GIT_PAGER"] = "less",
        ["PAGER"] = "less",
        ["GIT_EDITOR"] = "vi",
        ["GIT_TEMPLATE_DIR"] = "/kt-poisoned-templates",
        ["LC_ALL"] = "de_DE.UTF-8",
        ["GIT_CONFIG_NOSYSTEM"] = "0",
        ["GIT_CONFIG_GLOBAL"] = "kt-poisoned-global",
        ["GIT_CONFIG_SYSTEM"] = "kt-poisoned-system",
        ["SSH_ASKPASS_REQUIRE"] = "force",
    };

    [Fact]
    public void Git_reads_only_the_hardening_config_even_from_a_poisoned_environment()
    {
        using var temp = new TempFolder("git-config");
        using var _ = PoisonedEnvironment();

        var (code, output, error) = GitRunner.Run(temp.Path, GitRunner.LocalTimeout, "config", "--list", "--show-origin");

        Assert.True(code == 0, error);
        Assert.Equal(HardeningConfig, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_program_git_starts_sees_the_hardened_environment_and_none_of_the_poisoned_one()
    {
        using var temp = new TempFolder("git-env");
        using var _ = PoisonedEnvironment();

        var (code, output, error) = GitRunner.Run(temp.Path, GitRunner.LocalTimeout, "-c", "alias.kt-env=!env", "kt-env");

        Assert.True(code == 0, error);
        var seen = output.Split('\n').Where(l => l.Contains('=')).Select(l => l.Split('=', 2))
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        var expected = new Dictionary<string, string>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
            ["GIT_CONFIG_SYSTEM"] = "/dev/null",
            ["GIT_ALLOW_PROTOCOL"] = "https:http:ssh:file",
            ["GIT_PROTOCOL_FROM_USER"] = "0",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS_REQUIRE"] = "never",
            ["GIT_PAGER"] = "cat",
            ["PAGER"] = "cat",
            ["GIT_EDITOR"] = ":",
            ["GIT_TEMPLATE_DIR"] = "",
            ["LC_ALL"] = "C",
        };
        foreach (var (name, value) in expected)
        {
            Assert.True(seen.TryGetValue(name, out var actual), $"{name} is not set for git's programs");
            Assert.True(actual == value, $"{name}={actual}, expected {value}");
        }
        foreach (var name in Poison.Keys.Except(expected.Keys))
            Assert.False(seen.TryGetValue(name, out var leaked) && leaked == Poison[name], $"{name}={leaked} reached git's programs");
        // git passes its own -c options on in GIT_CONFIG_PARAMETERS; the caller's are gone.
        Assert.DoesNotContain("kt.poisoned", seen.GetValueOrDefault("GIT_CONFIG_PARAMETERS", ""), StringComparison.Ordinal);
        Assert.False(seen.ContainsKey("GIT_CONFIG_COUNT"), "GIT_CONFIG_COUNT reached git's programs");
    }

    [Fact]
    public async Task A_token_travels_as_an_http_header_of_that_run_only_and_redirects_are_not_followed()
    {
        using var temp = new TempFolder("git-token");
        var credentials = new GitCredentials("x-access-token", "s3cr3t-t0ken");

        var header = await GitRunner.RunAsync(temp.Path, GitRunner.LocalTimeout, credentials, CancellationToken.None, "config", "--get-all", "http.extraHeader");
        var redirects = await GitRunner.RunAsync(temp.Path, GitRunner.LocalTimeout, credentials, CancellationToken.None, "config", "--get", "http.followRedirects");
        var without = await GitRunner.RunAsync(temp.Path, GitRunner.LocalTimeout, null, CancellationToken.None, "config", "--get-all", "http.extraHeader");

        Assert.Equal("Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:s3cr3t-t0ken")) + "\n", header.Output);
        Assert.Equal("false\n", redirects.Output);
        Assert.Equal(1, without.ExitCode);
        Assert.Equal("", without.Output);
        Assert.Equal("x-access-token:***", credentials.ToString());
        Assert.Equal("x-access-token", credentials.UserName);
    }

    [Fact]
    public void A_git_server_that_never_answers_is_given_up_on_with_a_message_naming_the_command()
    {
        // A loopback server that accepts the connection and then says nothing, as a stalled host does.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var temp = new TempFolder("git-timeout");

        var e = Assert.Throws<UpgradeException>(() =>
            GitRunner.Run(temp.Path, TimeSpan.FromSeconds(2), "ls-remote", "--tags", "--", $"http://127.0.0.1:{port}/team/templates.git"));

        Assert.Equal("git ls-remote did not finish within 0 minutes; check that the git server answers, then try again", e.Message);
    }

    [Fact]
    public void Without_git_on_the_path_the_error_says_what_git_is_needed_for()
    {
        using var temp = new TempFolder("no-git");
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", temp.Path);
        try
        {
            var e = Assert.Throws<UpgradeException>(() => GitRunner.Run(temp.Path, GitRunner.LocalTimeout, "version"));
            Assert.Equal("git is not installed or not on PATH; it is needed for git template sources, dirty-tree checks and merges", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    private static Restore PoisonedEnvironment()
    {
        var saved = Poison.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        foreach (var (name, value) in Poison) Environment.SetEnvironmentVariable(name, value);
        return new Restore(saved);
    }

    private sealed class Restore(Dictionary<string, string?> saved) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (name, value) in saved) Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>Runs after the parallel tests, alone: its tests change the process environment that every git run inherits.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentAlone
{
    public const string Name = "process environment, alone";
}
