using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;
using KafkaTemplates.Testing.Hosts;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Cli.Tests;

/// <summary>
/// The dotnet tool as users get it: packed native, installed from the package, run. Its templates travel inside the
/// package, dot-files and executable bits included, so it writes what the engine writes from the repository. So do
/// the earlier releases of its templates, so a new release of the tool upgrades the repos its older releases created.
/// The native build has no reflection over types it did not keep, so validation, install, publishing to GitHub, an
/// upgrade pull request and the portal are run in it too and compared with the same commands run in-process.
/// </summary>
public class ToolPackageTests(PackedTool tool) : IClassFixture<PackedTool>
{
    private static readonly Dictionary<string, string?> NoPrompt = new() { ["CI"] = "true" };

    [Fact]
    public async Task The_installed_tool_scaffolds_the_same_repo_as_the_engine()
    {
        using var temp = new TempFolder("tool-new");
        var created = await ProcessRunner.RunAsync(tool.Executable,
            ["new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments", "--no-validate"], temp.Path, NoPrompt);
        Assert.True(created.ExitCode == 0, created.ToString());

        var expected = await RenderAsync(RepoRoot.Combine("templates", "hypertrace-kafka"));
        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(temp.Combine("payments")));
        Assert.True(differences.Length == 0, differences);
        Assert.Equal(RepoFileMode.Executable, RepoFileModes.Read(temp.Combine("payments", "docker", "entrypoint.sh")));
    }

    [Fact]
    public async Task The_installed_tool_upgrades_a_repo_that_an_earlier_release_created_from_its_shipped_templates()
    {
        using var temp = new TempFolder("tool-upgrade");
        var repo = temp.Combine("payments");

        // The team's repo as the earlier release wrote it (builtin hypertrace-kafka 1.0.0, kept in the tree), with one edit of its own.
        AtomicDirectoryWriter.Write(await RenderAsync(RepoRoot.Combine("templates", "released", "hypertrace-kafka", "1.0.0")), repo);
        File.AppendAllText(Path.Combine(repo, "helm", "values.yaml"), "# sized for the payments load test\n");
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "payments-kafka");

        var check = await ProcessRunner.RunAsync(tool.Executable, ["check", "payments"], temp.Path, NoPrompt);
        Assert.True(check.ExitCode == 1, check.ToString());
        Assert.Contains("1.0.0", check.StandardOutput, StringComparison.Ordinal);

        var upgrade = await ProcessRunner.RunAsync(tool.Executable, ["upgrade", "payments"], temp.Path, NoPrompt);
        Assert.True(upgrade.ExitCode == 0, upgrade.ToString());

        // Exactly the current release's repo, with the answers its migration sets for 1.x repos, plus the team's line.
        var expected = await RenderAsync(RepoRoot.Combine("templates", "hypertrace-kafka"), ("authMode", "none"), ("certSource", "none"));
        var values = expected["helm/values.yaml"];
        expected.Put(GeneratedFile.FromText(values.Path, values.ReadText() + "# sized for the payments load test\n", values.Mode));
        var differences = GoldenFolder.Compare(expected, FileSet.FromDirectory(repo, path => !path.StartsWith(".git/", StringComparison.Ordinal)));
        Assert.True(differences.Length == 0, differences);
    }

    [Fact]
    public void The_installed_tool_is_the_native_package_for_this_platform()
    {
        Assert.NotEmpty(Directory.EnumerateDirectories(tool.Store, $"kafkatemplates.cli.{PackedTool.Platform}", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(tool.Store, "kafka-templates.dll", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(tool.Store, "*.dbg", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_installed_tool_validates_as_the_in_process_cli_does()
    {
        using var temp = new TempFolder("tool-validate");
        var created = await ProcessRunner.RunAsync(tool.Executable, ["new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments"], temp.Path, NoPrompt);
        Assert.True(created.ExitCode == 0, created.ToString());

        // A field Kubernetes does not know, then a word where a boolean goes: the strict reading into the Kubernetes models.
        var service = temp.Combine("payments", "helm", "templates", "service-headless.yaml");
        var original = File.ReadAllText(service);
        foreach (var (replacement, code) in new[] { ("  publishNotReadyAddresses: true\n  bogusField: 1\n", "KT3001"), ("  publishNotReadyAddresses: always\n", "KT3002") })
        {
            File.WriteAllText(service, original.Replace("  publishNotReadyAddresses: true\n", replacement, StringComparison.Ordinal));
            foreach (var format in new[] { "text", "json" })
            {
                var native = await ProcessRunner.RunAsync(tool.Executable, ["validate", "payments", "--format", format], temp.Path, NoPrompt);
                var inProcess = new CliRun { WorkingDirectory = temp.Path, Variables = new() { ["CI"] = "true" } };
                await inProcess.RunAsync("validate", "payments", "--format", format);
                Assert.True(native.ExitCode == 1 && inProcess.ExitCode == 1, $"{native}\n{inProcess}");
                Assert.Contains(code, native.StandardOutput, StringComparison.Ordinal);
                Assert.Equal(WithoutDurations(inProcess.Out.Output), WithoutDurations(native.StandardOutput));
            }
        }
    }

    [Fact]
    public async Task The_installed_tool_reads_the_kubeconfig_and_talks_to_the_api_server_as_the_in_process_cli_does()
    {
        using var temp = new TempFolder("tool-install");
        var created = await ProcessRunner.RunAsync(tool.Executable, ["new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments", "--no-validate"], temp.Path, NoPrompt);
        Assert.True(created.ExitCode == 0, created.ToString());
        // An API server that tells its version and forbids the rest: the install stops at discovery with the server's words.
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path.StartsWithSegments("/version"))
            {
                await context.Response.WriteAsync("""{"major":"1","minor":"31","gitVersion":"v1.31.4"}""");
                return;
            }
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("""{"kind":"Status","apiVersion":"v1","status":"Failure","message":"the installer test forbids this","reason":"Forbidden","code":403}""");
        });
        var kubeconfig = temp.Combine("kubeconfig");
        File.WriteAllText(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: {server.Address.AbsoluteUri.TrimEnd('/')}
            contexts:
            - name: test
              context:
                cluster: test
                user: test
            current-context: test
            users:
            - name: test
              user:
                token: test-token
            """);

        var native = await ProcessRunner.RunAsync(tool.Executable, ["install", "payments", "--namespace", "payments", "--dry-run=server"], temp.Path,
            new Dictionary<string, string?> { ["CI"] = "true", ["KUBECONFIG"] = kubeconfig });
        var inProcess = new CliRun { WorkingDirectory = temp.Path, Variables = new() { ["CI"] = "true", ["KUBECONFIG"] = kubeconfig, ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" } };
        await inProcess.RunAsync("install", "payments", "--namespace", "payments", "--dry-run=server");
        Assert.True(native.ExitCode == inProcess.ExitCode && native.ExitCode != 0, $"{native}\n{inProcess}");
        Assert.Contains("the installer test forbids this", native.StandardError, StringComparison.Ordinal);
        Assert.Equal(Words(inProcess.Error.Output), Words(native.StandardError));
    }

    /// <summary>
    /// publish:github with every input the action takes (access, protection, variables, secrets sealed with libsodium,
    /// the OIDC claim, custom properties), the native tool against one emulated GitHub and the in-process CLI against
    /// another: the same calls in the same order, the same repository, settings, secrets and pushed tree.
    /// </summary>
    [Fact]
    public async Task The_installed_tool_publishes_to_github_as_the_in_process_cli_does()
    {
        using var temp = new TempFolder("tool-publish");
        var template = RepoRoot.Combine("tests", "KafkaTemplates.Publishing.Tests", "Fixtures", "TemplateWithHostSettings");
        await using var nativeHub = await OrganisationAsync();
        await using var inProcessHub = await OrganisationAsync();
        string[] Args(GitHubEmulator github, string output) =>
            ["new", template, "-o", output, "--publish", "--no-validate", "--set", "name=streams", "--set", "host=github", "--set", $"repoHost={github.Host}"];

        var native = await ProcessRunner.RunAsync(tool.Executable, Args(nativeHub, "native-out"), temp.Path, GitHubVariables(nativeHub, temp).ToDictionary(v => v.Key, v => (string?)v.Value));
        var inProcess = new CliRun { WorkingDirectory = temp.Path, Variables = GitHubVariables(inProcessHub, temp) };
        await inProcess.RunAsync(Args(inProcessHub, "inproc-out"));

        Assert.True(native.ExitCode == 0 && inProcess.ExitCode == 0, $"{native}\n{inProcess}");
        Assert.Contains("POST /orgs/acme/repos", nativeHub.Requests);
        Assert.Equal(inProcessHub.Requests, nativeHub.Requests);
        Assert.Equal(Comparable(inProcessHub, inProcessHub.Repo("acme", "streams")), Comparable(nativeHub, nativeHub.Repo("acme", "streams")));
        Assert.Equal(Comparable(inProcessHub, inProcessHub.BranchProtection("acme", "streams", "main")), Comparable(nativeHub, nativeHub.BranchProtection("acme", "streams", "main")));
        foreach (var secret in new[] { "DEPLOY_SECRET", "DEPLOY_TOKEN", "SCHEMA_REGISTRY_PASSWORD" })
            Assert.Equal(inProcessHub.Secret("acme", "streams", secret) ?? "absent in-process", nativeHub.Secret("acme", "streams", secret));
        Assert.Equal(await PushedAsync(inProcessHub, "acme/streams", "main"), await PushedAsync(nativeHub, "acme/streams", "main"));
        Assert.Equal(Printed(inProcess.Error.Output, inProcessHub, "inproc-out"), Printed(native.StandardError, nativeHub, "native-out"));
        Assert.DoesNotContain(GitHubEmulator.Token, native.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// upgrade --pull-request on GitHub, native and in-process, each against its own emulated GitHub holding the same
    /// repo made by the shipped 1.0.0: the same pull request (title, description, labels, draft) and the same branch.
    /// </summary>
    [Fact]
    public async Task The_installed_tool_opens_an_upgrade_pull_request_on_github_as_the_in_process_cli_does()
    {
        using var temp = new TempFolder("tool-pull-request");
        var repo = temp.Combine("orders");
        AtomicDirectoryWriter.Write(await RenderAsync(RepoRoot.Combine("templates", "released", "hypertrace-kafka", "1.0.0")), repo);
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "the team's repo");
        await using var nativeHub = await OrganisationAsync();
        await using var inProcessHub = await OrganisationAsync();
        await nativeHub.SeedRepoAsync("acme", "orders", repo);
        await inProcessHub.SeedRepoAsync("acme", "orders", repo);

        var native = await ProcessRunner.RunAsync(tool.Executable, ["upgrade", "--pull-request", new Uri(nativeHub.Address, "acme/orders").AbsoluteUri], temp.Path,
            GitHubVariables(nativeHub, temp).ToDictionary(v => v.Key, v => (string?)v.Value));
        var inProcess = new CliRun { WorkingDirectory = temp.Path, Variables = GitHubVariables(inProcessHub, temp) };
        await inProcess.RunAsync("upgrade", "--pull-request", new Uri(inProcessHub.Address, "acme/orders").AbsoluteUri);

        Assert.True(native.ExitCode == inProcess.ExitCode && native.ExitCode == 0, $"{native}\n{inProcess}");
        var pull = Assert.Single(nativeHub.PullRequests("acme", "orders"));
        var expected = Assert.Single(inProcessHub.PullRequests("acme", "orders"));
        Assert.StartsWith("Upgrade hypertrace-kafka to ", pull["title"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var field in new[] { "title", "body", "labels", "draft", "state" })
            Assert.Equal(expected[field]?.ToJsonString(), pull[field]?.ToJsonString());
        var branch = pull["head"]!["ref"]!.GetValue<string>();
        Assert.Equal(expected["head"]!["ref"]!.GetValue<string>(), branch);
        Assert.Equal((await inProcessHub.Git.GitAsync("acme/orders.git", "rev-parse", branch + "^{tree}")).Trim(), (await nativeHub.Git.GitAsync("acme/orders.git", "rev-parse", branch + "^{tree}")).Trim());
        Assert.Equal(inProcessHub.Requests, nativeHub.Requests);
        Assert.Equal(Printed(inProcess.Out.Output, inProcessHub, "orders"), Printed(native.StandardOutput, nativeHub, "orders"));
    }

    private static async Task<GitHubEmulator> OrganisationAsync() =>
        (await GitHubEmulator.StartAsync()).AddOrganization("acme", "platform-admins").DefineCustomProperty("acme", "team").DefineCustomProperty("acme", "data-classes");

    private static Dictionary<string, string> GitHubVariables(GitHubEmulator github, TempFolder temp) => new()
    {
        ["CI"] = "true",
        ["GITHUB_HOST"] = github.Host,
        ["GITHUB_API_URL"] = github.Address.AbsoluteUri,
        ["GITHUB_TOKEN"] = GitHubEmulator.Token,
        ["KAFKA_TEMPLATES_HOST_RETRY_DELAY_MS"] = "5",
        ["KAFKA_TEMPLATES_CACHE"] = temp.Combine("cache-" + github.Address.Port),
    };

    /// <summary>
    /// Every file of a branch with its mode, as git holds it on the emulator; the answers file names the emulator's own
    /// host (the repoHost answer), which is taken out.
    /// </summary>
    private static async Task<string> PushedAsync(GitHubEmulator github, string repo, string branch)
    {
        var files = new System.Text.StringBuilder();
        foreach (var line in (await github.Git.GitAsync(repo + ".git", "ls-tree", "-r", branch)).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var (mode, path) = (line.Split(' ')[0], line[(line.IndexOf('\t') + 1)..]);
            files.Append($"{mode} {path}\n{(await github.Git.GitAsync(repo + ".git", "show", $"{branch}:{path}")).Replace(github.Host, "<github>", StringComparison.Ordinal)}\n");
        }
        Assert.Contains(".kafka-templates.yaml", files.ToString(), StringComparison.Ordinal);
        return files.ToString();
    }

    /// <summary>What a run printed, with what differs between two runs taken out: the emulator's host, the output folder, commit hashes and durations.</summary>
    private static string Printed(string output, GitHubEmulator github, string folder) => Words(WithoutDurations(System.Text.RegularExpressions.Regex.Replace(
        output.Replace(github.Host, "<github>", StringComparison.Ordinal).Replace(folder, "<output>", StringComparison.Ordinal), "\\b[0-9a-f]{7,40}\\b", "<sha>")));

    /// <summary>An emulated GitHub's JSON with its address and the times of day taken out, to compare two emulators' state.</summary>
    private static string Comparable(GitHubEmulator github, System.Text.Json.Nodes.JsonObject? state) =>
        System.Text.RegularExpressions.Regex.Replace((state ?? throw new InvalidOperationException("nothing there")).ToJsonString()
            .Replace(github.Address.AbsoluteUri, "<github>/", StringComparison.Ordinal), "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "<time>");

    [Fact]
    public async Task The_installed_tool_serves_the_portal()
    {
        using var data = new TempFolder("tool-serve");
        using var stop = new CancellationTokenSource();
        // Port 0: serve binds a port the system chooses and says which on its "Listening on" line.
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var serve = ProcessRunner.RunAsync(tool.Executable, ["serve", "--urls", ServeAddress.AnyLoopbackPort, "--data", data.Path], data.Path,
            new Dictionary<string, string?> { ["CI"] = "true", ["HOME"] = data.Path }, timeout: TimeSpan.FromMinutes(5), cancellationToken: stop.Token,
            standardErrorLine: line =>
            {
                if (ServeAddress.FromLine(line) is { } address) listening.TrySetResult(address);
            });
        using var client = new HttpClient();
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await Task.WhenAny(listening.Task, serve).WaitAsync(deadline.Token);
            if (!listening.Task.IsCompleted) Assert.Fail($"serve ended before it said where it listens: {await serve}");
            client.BaseAddress = await listening.Task;
            while (true)
            {
                if (serve.IsCompleted) Assert.Fail($"serve ended before it answered: {await serve}");
                try
                {
                    using var ready = await client.GetAsync("/readyz", deadline.Token);
                    if (ready.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(100, deadline.Token);
            }
            var schema = await client.GetAsync("/api/scaffolder/v2/templates/default/template/hypertrace-kafka/parameter-schema");
            var body = await schema.Content.ReadAsStringAsync();
            Assert.True(schema.IsSuccessStatusCode, body);
            Assert.Contains("\"steps\"", body, StringComparison.Ordinal);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await serve;
            }
            catch (OperationCanceledException)
            {
                // Stopped, as intended.
            }
        }
    }

    private static string WithoutDurations(string output) => System.Text.RegularExpressions.Regex.Replace(output, @"\d+(\.\d+)? ?(ms|s)\b", "<t>");

    private static string Words(string output) => string.Join(' ', output.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));

    private static async Task<FileSet> RenderAsync(string templateFolder, params (string Name, string Value)[] answers)
    {
        var engine = new EngineServices();
        var template = engine.Loader.Load(templateFolder, TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("owner", "payments"));
        foreach (var (name, value) in answers) input.FromSet.Add(new(name, value));
        return (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
    }
}

/// <summary>
/// The tool packed once from this repository as it is released, native: the top-level package (which names the
/// per-platform packages and holds no tool of its own) and this platform's native
/// package, then installed with `dotnet tool install` into a tool path, which picks the native one. Its earlier
/// releases are the ones kept in the tree (templates/released), so no git tag is involved. The native compile is the
/// slow part (several minutes); it runs once for every test of this class.
/// </summary>
public sealed class PackedTool : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _temp = new("tool");

    public string Executable => _temp.Combine("tools", "kafka-templates");

    /// <summary>Where `dotnet tool install` unpacked the package it chose.</summary>
    public string Store => _temp.Combine("tools", ".store");

    /// <summary>This machine's platform as the tool's package names it (linux-x64, osx-arm64, ...).</summary>
    public static string Platform =>
        $"{(OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux")}-{System.Runtime.InteropServices.RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";

    public async Task InitializeAsync()
    {
        // Built in a folder of its own: the other test projects run from the repository's bin folders meanwhile.
        string[] pack = ["pack", RepoRoot.Combine("src", "KafkaTemplates.Cli", "KafkaTemplates.Cli.csproj"), "-c", "Release", "-p:NativeTool=true",
            "--artifacts-path", _temp.Combine("artifacts"), "-o", _temp.Combine("nupkg"), "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false"];
        foreach (var arguments in new[] { pack, [.. pack, "-r", Platform] })
        {
            var packed = await ProcessRunner.RunAsync("dotnet", arguments, RepoRoot.Path, timeout: TimeSpan.FromMinutes(40));
            Assert.True(packed.ExitCode == 0, packed.ToString());
        }
        var install = await ProcessRunner.RunAsync("dotnet",
            ["tool", "install", "KafkaTemplates.Cli", "--tool-path", _temp.Combine("tools"), "--add-source", _temp.Combine("nupkg"), "--ignore-failed-sources"],
            _temp.Path,
            // A private package cache: the user's cache may hold an older build under the same id and version.
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = _temp.Combine("nuget-packages") });
        Assert.True(install.ExitCode == 0, install.ToString());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _temp.Dispose();
}
