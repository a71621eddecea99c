using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing;
using KafkaTemplates.Testing.Hosts;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Upgrade.PullRequests;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// <c>upgrade --pull-request</c> over a fleet on an emulated GitHub and GitLab, with git over the real smart HTTP
/// protocol (<c>git http-backend</c>) into bare repositories the test reads back with git: repos that are current, behind,
/// edited by their team, conflicting, made by the shipped 1.0.0, one whose pull request call fails on every retry and one
/// whose host rejects the push. A second run refreshes the requests instead of doubling them, and keeps a person's
/// commits on a branch.
/// </summary>
public sealed class UpgradePullRequestTests : IAsyncLifetime, IDisposable
{
    private const string Branch = "kafka-templates/hypertrace-kafka-1.1.0";
    private readonly TempFolder _temp = new("fleet");
    private GitHubEmulator _github = null!;
    private GitLabEmulator _gitlab = null!;
    private string _templates = "";

    public async Task InitializeAsync()
    {
        _github = (await GitHubEmulator.StartAsync()).AddOrganization("acme");
        _gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("platform");
        _templates = await TaggedTemplates.CreateAsync(_temp.Combine("kafka-templates-git"));
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _gitlab.DisposeAsync();
    }

    public void Dispose() => _temp.Dispose();

    private CliRun Run() => new()
    {
        WorkingDirectory = _temp.Path,
        Variables = new()
        {
            [UseCaseContext.CacheVariable] = _temp.Combine("cache"),
            [PublishSettings.GitHubHostVariable] = _github.Host,
            [PublishSettings.GitHubApiVariable] = _github.Address.AbsoluteUri,
            [PublishSettings.GitHubTokenVariable] = GitHubEmulator.Token,
            [PublishSettings.GitLabHostVariable] = _gitlab.Host,
            [PublishSettings.GitLabApiVariable] = _gitlab.ApiUrl.AbsoluteUri,
            [PublishSettings.GitLabTokenVariable] = GitLabEmulator.Token,
            [PublishSettings.RetryDelayVariable] = "5",
        },
    };

    /// <summary>A committed repo made from the tagged template at <paramref name="tag"/>, with an edit of the team's.</summary>
    private Task<string> TeamRepoAsync(string name, string tag, Action<string>? edit = null) =>
        TaggedTemplates.TeamRepoAsync(_templates, _temp.Combine(name), tag, edit);

    /// <summary>A repo made by the shipped hypertrace-kafka 1.0.0, as teams have them: its next version is the shipped one, with new parameters.</summary>
    private async Task<string> ShippedOneZeroRepoAsync()
    {
        var engine = new EngineServices();
        var released = engine.Loader.Load(RepoRoot.Combine("templates", TemplateCatalog.ReleasedFolder, "hypertrace-kafka", "1.0.0"), TemplateSource.Builtin);
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "orders"));
        input.FromSet.Add(new("owner", "orders"));
        var files = (await engine.Scaffolder.RunAsync(released, ParameterBinder.Bind(released.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
        var repo = _temp.Combine("shipped-1.0.0");
        AtomicDirectoryWriter.Write(files, repo);
        await CommitAsync(repo);
        return repo;
    }

    private static async Task CommitAsync(string repo)
    {
        await TestGit.RunAsync(repo, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(repo, "add", "-A");
        await TestGit.RunAsync(repo, "commit", "--quiet", "-m", "the team's repo");
    }

    private string GitHubUrl(string name) => new Uri(_github.Address, "acme/" + name).AbsoluteUri;

    private string GitLabUrl(string name) => new Uri(_gitlab.Address, "platform/" + name).AbsoluteUri;

    private static string Values(string repo) => Path.Combine(repo, "helm", "values.yaml");

    [Fact]
    public async Task Opens_one_request_per_repo_that_is_behind_marks_conflicts_and_a_second_run_refreshes_them()
    {
        var current = await TeamRepoAsync("current", "v1.1.0");
        var behind = await TeamRepoAsync("behind", "v1.0.0");
        var edited = await TeamRepoAsync("edited", "v1.0.0", r => TaggedTemplates.Replace(Values(r), "    diskFreeWarningPercent: 15", "    diskFreeWarningPercent: 20"));
        var conflicting = await TeamRepoAsync("conflicting", "v1.0.0", r => TaggedTemplates.Replace(Values(r), TaggedTemplates.ShutdownLine, "  terminationGracePeriodSeconds: 150"));
        var shipped = await ShippedOneZeroRepoAsync();

        // GitHub: 4 current, 8 behind, one edited, one conflicting, one from the shipped 1.0.0, one whose pull request call always fails.
        var onGitHub = new List<(string Name, string Source)>();
        for (var i = 1; i <= 4; i++) onGitHub.Add(($"current-{i}", current));
        for (var i = 1; i <= 8; i++) onGitHub.Add(($"behind-{i}", behind));
        onGitHub.AddRange([("edited", edited), ("conflicting", conflicting), ("shipped", shipped), ("flaky", behind)]);
        // GitLab: 2 current, 5 behind, one conflicting, one whose pre-receive hook rejects every push.
        var onGitLab = new List<(string Name, string Source)> { ("current-5", current), ("current-6", current) };
        for (var i = 9; i <= 13; i++) onGitLab.Add(($"behind-{i}", behind));
        onGitLab.AddRange([("conflicting-2", conflicting), ("protected", behind)]);
        foreach (var (name, source) in onGitHub) await _github.SeedRepoAsync("acme", name, source);
        foreach (var (name, source) in onGitLab) await _gitlab.SeedProjectAsync("platform/" + name, source);
        Assert.Equal(25, onGitHub.Count + onGitLab.Count);

        var hook = Path.Combine(_gitlab.Git.ProjectRoot, "platform", "protected.git", "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\necho 'GitLab: You are not allowed to push code to this project.' >&2\nexit 1\n");
        File.SetUnixFileMode(hook, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _github.Faults.Add(new HostFault("POST", "/repos/acme/flaky/pulls", 502, times: 4));

        // Repos as arguments (one as Backstage's repoUrl) and from a --repos file.
        string[] arguments = [.. onGitHub.Select(r => r.Name == "behind-2" ? $"{_github.Host}?owner=acme&repo=behind-2" : GitHubUrl(r.Name))];
        _temp.Write("repos.txt", "# the platform group's repos\n\n" + string.Join("\n", onGitLab.Select(r => GitLabUrl(r.Name) + (r.Name == "behind-9" ? ".git" : ""))) + "\n");
        var work = _temp.Combine("work");
        Directory.CreateDirectory(work);
        string[] args = ["upgrade", "--pull-request", .. arguments, "--repos", "repos.txt", "--parallel", "3", "--work-dir", "work"];

        var (first, mostClones) = await RunWatchingClonesAsync(work, args);

        Assert.Equal(ExitCodes.Problems, first.ExitCode);
        Assert.InRange(mostClones, 1, 3);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
        Assert.DoesNotContain(GitHubEmulator.Token, first.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(GitLabEmulator.Token, first.ToString(), StringComparison.Ordinal);
        var lines = RepoLines(first);
        foreach (var (name, _) in onGitHub) Assert.Single(lines, l => Names(l, $"{_github.Host}/acme/{name}"));
        foreach (var (name, _) in onGitLab) Assert.Single(lines, l => Names(l, $"{_gitlab.Host}/platform/{name}"));
        Assert.Equal(25, lines.Count);
        first.OutShows("Request");
        first.ErrorShows("25 repositories: ");
        first.ErrorShows("2 failed");

        // Current repos: nothing at all.
        foreach (var name in new[] { "current-1", "current-4" })
        {
            Assert.Single(lines, l => l.StartsWith("up to date", StringComparison.Ordinal) && Names(l, $"{_github.Host}/acme/{name}"));
            Assert.Empty(_github.PullRequests("acme", name));
            Assert.Equal("", (await _github.Git.GitAsync($"acme/{name}.git", "branch", "--list", "kafka-templates/*")).Trim());
        }
        Assert.Empty(_gitlab.MergeRequests("platform/current-6"));
        Assert.Equal("", (await _gitlab.Git.GitAsync("platform/current-6.git", "branch", "--list", "kafka-templates/*")).Trim());

        // Behind: one commit on the branch, on top of main, with the new version; a pull request whose description is the plan.
        var pull = Assert.Single(_github.PullRequests("acme", "behind-2"));
        Assert.Equal(("Upgrade hypertrace-kafka to 1.1.0", Branch, "main", false), (Text(pull, "title"), Text(pull["head"]!, "ref"), Text(pull["base"]!, "ref"), pull["draft"]!.GetValue<bool>()));
        Assert.Equal(["kafka-templates"], LabelNames(pull));
        var body = Text(pull, "body");
        Assert.Contains("## Upgrade hypertrace-kafka 1.0.0 → 1.1.0", body, StringComparison.Ordinal);
        Assert.Contains("### Files updated\n\n- `.kafka-templates.yaml`\n", body, StringComparison.Ordinal);
        Assert.Contains("- `helm/values.yaml`\n", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Conflicts", body, StringComparison.Ordinal);
        var main = (await _github.Git.GitAsync("acme/behind-2.git", "rev-parse", "main")).Trim();
        Assert.Equal($"{main}|kafka-templates <kafka-templates@users.noreply.invalid>|Upgrade hypertrace-kafka 1.0.0 -> 1.1.0",
            (await _github.Git.GitAsync("acme/behind-2.git", "log", "-1", "--format=%P|%an <%ae>|%s", Branch)).Trim());
        Assert.Contains("terminationGracePeriodSeconds: 180", await _github.Git.GitAsync("acme/behind-2.git", "show", $"{Branch}:helm/values.yaml"), StringComparison.Ordinal);
        Assert.Matches("(?m)^version: \"?1\\.1\\.0\"?$", await _github.Git.GitAsync("acme/behind-2.git", "show", $"{Branch}:.kafka-templates.yaml"));
        Assert.Contains(lines, l => l.StartsWith("opened", StringComparison.Ordinal) && Names(l, $"{_github.Host}/acme/behind-2") && l.EndsWith(Text(pull, "html_url"), StringComparison.Ordinal));

        // The team's edit merges, and the description says so.
        var editedPull = Assert.Single(_github.PullRequests("acme", "edited"));
        Assert.Contains("### Files merged (the team's edits kept)\n\n- `helm/values.yaml`\n", Text(editedPull, "body"), StringComparison.Ordinal);
        var editedValues = await _github.Git.GitAsync("acme/edited.git", "show", $"{Branch}:helm/values.yaml");
        Assert.Contains("diskFreeWarningPercent: 20", editedValues, StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 180", editedValues, StringComparison.Ordinal);

        // Conflicts: the request still opens, as a draft marked for a person, with the markers committed in the branch.
        var conflictPull = Assert.Single(_github.PullRequests("acme", "conflicting"));
        Assert.Equal("[needs a person] Upgrade hypertrace-kafka to 1.1.0", Text(conflictPull, "title"));
        Assert.True(conflictPull["draft"]!.GetValue<bool>());
        Assert.Equal(["kafka-templates", "needs-a-person"], LabelNames(conflictPull));
        Assert.Contains("### Conflicts left for a person", Text(conflictPull, "body"), StringComparison.Ordinal);
        Assert.Contains("- `helm/values.yaml` (1 conflict)\n", Text(conflictPull, "body"), StringComparison.Ordinal);
        var conflicted = await _github.Git.GitAsync("acme/conflicting.git", "show", $"{Branch}:helm/values.yaml");
        Assert.Contains("<<<<<<< local (your repo)", conflicted, StringComparison.Ordinal);
        Assert.Contains(">>>>>>> hypertrace-kafka 1.1.0", conflicted, StringComparison.Ordinal);
        Assert.Contains(lines, l => Names(l, $"{_github.Host}/acme/conflicting") && l.Contains("needs a person: 1 file with conflicts: helm/values.yaml", StringComparison.Ordinal));
        var conflictRequest = Assert.Single(_gitlab.MergeRequests("platform/conflicting-2"));
        Assert.Equal("Draft: [needs a person] Upgrade hypertrace-kafka to 1.1.0", Text(conflictRequest, "title"));
        Assert.True(conflictRequest["draft"]!.GetValue<bool>());
        Assert.Equal(["kafka-templates", "needs-a-person"], LabelNames(conflictRequest));

        // The shipped 1.0.0 goes to the shipped version: new parameters with the values chosen, and the migration notes.
        var shippedBody = Text(Assert.Single(_github.PullRequests("acme", "shipped")), "body");
        Assert.Contains("### New parameters", shippedBody, StringComparison.Ordinal);
        Assert.Contains("- `authMode`: `\"none\"`\n", shippedBody, StringComparison.Ordinal);
        Assert.Contains("### Migration notes\n\n- migration 2.0.0: answer 'authMode' is set to \"none\" for this repo", shippedBody, StringComparison.Ordinal);
        var shippedVersion = new EngineServices().Loader.Load(RepoRoot.Combine("templates", "hypertrace-kafka"), TemplateSource.Builtin).Version;
        Assert.NotEqual("", (await _github.Git.GitAsync("acme/shipped.git", "branch", "--list", $"kafka-templates/hypertrace-kafka-{shippedVersion}")).Trim());

        // GitLab: merge requests with the plan.
        var request = Assert.Single(_gitlab.MergeRequests("platform/behind-9"));
        Assert.Equal(("Upgrade hypertrace-kafka to 1.1.0", Branch, "main", false), (Text(request, "title"), Text(request, "source_branch"), Text(request, "target_branch"), request["draft"]!.GetValue<bool>()));
        Assert.Contains("- `helm/values.yaml`\n", Text(request, "description"), StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 180", await _gitlab.Git.GitAsync("platform/behind-9.git", "show", $"{Branch}:helm/values.yaml"), StringComparison.Ordinal);

        // Failures are their own rows, named clearly; the other repos went on.
        var flaky = Assert.Single(lines, l => Names(l, $"{_github.Host}/acme/flaky"));
        Assert.StartsWith("failed", flaky, StringComparison.Ordinal);
        Assert.Contains($"GitHub at {_github.Host} answered 502", flaky, StringComparison.Ordinal);
        Assert.Contains("on each of 4 attempts", flaky, StringComparison.Ordinal);
        Assert.Empty(_github.PullRequests("acme", "flaky"));
        var rejected = Assert.Single(lines, l => Names(l, $"{_gitlab.Host}/platform/protected"));
        Assert.StartsWith("failed", rejected, StringComparison.Ordinal);
        Assert.Contains("rejected the push", rejected, StringComparison.Ordinal);
        Assert.Empty(_gitlab.MergeRequests("platform/protected"));

        // A person resolves the conflict on the branch before the next run.
        var resolved = _temp.Combine("resolving");
        await TestGit.RunAsync(_temp.Path, "clone", "--quiet", "--branch", Branch, Path.Combine(_github.Git.ProjectRoot, "acme", "conflicting.git"), resolved);
        File.WriteAllText(Values(resolved), Regex.Replace(File.ReadAllText(Values(resolved)), "<<<<<<< [^\n]*\n(?:.*\n)*?>>>>>>> [^\n]*\n", "  terminationGracePeriodSeconds: 150\n"));
        await TestGit.RunAsync(resolved, "-c", "user.email=jane@example.com", "commit", "--quiet", "-am", "keep our shutdown");
        await TestGit.RunAsync(resolved, "push", "--quiet", "origin", Branch);
        var janes = (await _github.Git.GitAsync("acme/conflicting.git", "rev-parse", Branch)).Trim();
        File.Delete(hook);

        var second = Run();
        await second.RunAsync(args);

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        var again = RepoLines(second);
        Assert.Equal(25, again.Count);
        Assert.Contains(again, l => l.StartsWith("updated", StringComparison.Ordinal) && Names(l, $"{_github.Host}/acme/behind-2"));
        Assert.Contains(again, l => l.StartsWith("updated", StringComparison.Ordinal) && Names(l, $"{_gitlab.Host}/platform/behind-9"));
        Assert.Contains(again, l => l.StartsWith("opened", StringComparison.Ordinal) && Names(l, $"{_github.Host}/acme/flaky"));
        Assert.Contains(again, l => l.StartsWith("opened", StringComparison.Ordinal) && Names(l, $"{_gitlab.Host}/platform/protected"));
        Assert.Contains(again, l => l.StartsWith("kept commits", StringComparison.Ordinal) && Names(l, $"{_github.Host}/acme/conflicting"));
        foreach (var (name, _) in onGitHub.Where(r => !r.Name.StartsWith("current", StringComparison.Ordinal)))
            Assert.Single(_github.PullRequests("acme", name));
        foreach (var (name, _) in onGitLab.Where(r => !r.Name.StartsWith("current", StringComparison.Ordinal)))
            Assert.Single(_gitlab.MergeRequests("platform/" + name));
        Assert.Equal(janes, (await _github.Git.GitAsync("acme/conflicting.git", "rev-parse", Branch)).Trim());
        Assert.Contains("PATCH /repos/acme/behind-2/pulls/1", _github.Requests);
        Assert.Contains(_gitlab.Requests, r => r.StartsWith("PUT /projects/", StringComparison.Ordinal) && r.EndsWith("/merge_requests/1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_without_the_scope_fails_that_repo_naming_the_scope_and_never_shows_the_token()
    {
        const string readOnly = "ghp_readonlytoken000000000000000000000";
        _github.AddToken(readOnly, "read:org");
        _github.Git.OtherTokens.Add(readOnly);
        await _github.SeedRepoAsync("acme", "payments", await TeamRepoAsync("payments", "v1.0.0"));

        var run = Run();
        run.Variables[PublishSettings.GitHubTokenVariable] = readOnly;
        Assert.Equal(ExitCodes.Problems, await run.RunAsync("upgrade", "--pull-request", GitHubUrl("payments")));

        var line = Assert.Single(RepoLines(run));
        Assert.StartsWith("failed", line, StringComparison.Ordinal);
        Assert.Contains("lacks the scope 'repo'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(readOnly, run.ToString(), StringComparison.Ordinal);
        Assert.Empty(_github.PullRequests("acme", "payments"));
    }

    [Theory]
    [InlineData("https://bitbucket.example.com/acme/payments", "the host 'bitbucket.example.com', which is neither the configured GitHub host")]
    [InlineData("payments", "'payments' is not a repository; give https://<host>/<owner>/<name>")]
    [InlineData("--repos missing.txt", "--repos: the file 'missing.txt' does not exist")]
    [InlineData("--to ./templates", "--to './templates': upgrade requests take a version (2.0.0) or git+URL@tag")]
    [InlineData("--dry-run", "--dry-run is not taken with --pull-request")]
    public async Task Bad_input_is_exit_2_before_any_repo_is_touched(string arguments, string message)
    {
        var run = Run();
        string[] extra = arguments.StartsWith("--to", StringComparison.Ordinal) || arguments == "--dry-run" ? [GitHubUrl("payments")] : [];
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync(["upgrade", "--pull-request", .. arguments.Split(' '), .. extra]));
        run.ErrorShows(message);
        Assert.Empty(_github.Requests);
    }

    [Fact]
    public async Task A_host_without_a_token_is_bad_input_naming_the_variable()
    {
        var run = Run();
        run.Variables.Remove(PublishSettings.GitLabTokenVariable);
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("upgrade", "--pull-request", GitLabUrl("payments")));
        run.ErrorShows($"no token for GitLab at {_gitlab.Host}: set GITLAB_TOKEN");
    }

    [Fact]
    public async Task Never_holds_more_clones_on_disk_than_the_bound_and_deletes_each_when_its_repo_is_done()
    {
        var current = await TeamRepoAsync("current", "v1.1.0");
        var names = Enumerable.Range(1, 12).Select(i => $"repo-{i}").ToList();
        foreach (var name in names) await _github.SeedRepoAsync("acme", name, current);
        var variables = Run().Variables;
        var fleet = new UpgradePullRequests(UseCaseContext.For(variables), PublishSettings.FromEnvironment(variables));
        var work = _temp.Combine("work");
        Directory.CreateDirectory(work);
        var counter = new CloneCounter();

        var results = await fleet.RunAsync(new UpgradePullRequestsRequest { Repos = [.. names.Select(GitHubUrl)], Parallel = 2, WorkRoot = work }, counter, CancellationToken.None);

        Assert.All(results, r => Assert.Equal(UpgradeRequestOutcome.UpToDate, r.Outcome));
        Assert.Equal(12, counter.Clones);
        Assert.InRange(counter.MostOnDisk, 1, 2);
        Assert.Empty(counter.LeftBehind);
        Assert.Empty(Directory.EnumerateFileSystemEntries(work));
    }

    /// <summary>At each clone, counts the repos' folders on disk; at each finish, checks that the repo's clone is gone.</summary>
    private sealed class CloneCounter : IUpgradePullRequestsObserver
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, string> _folders = [];

        public int Clones { get; private set; }

        public int MostOnDisk { get; private set; }

        public List<string> LeftBehind { get; } = [];

        public void Cloned(string repo, string folder)
        {
            var root = Path.GetDirectoryName(Path.GetDirectoryName(folder))!;
            lock (_lock)
            {
                Clones++;
                _folders[repo] = folder;
                MostOnDisk = Math.Max(MostOnDisk, Directory.GetDirectories(root).Length);
            }
        }

        public void Finished(UpgradeRequestResult result)
        {
            lock (_lock)
                if (_folders.TryGetValue(result.Repo, out var folder) && Directory.Exists(folder)) LeftBehind.Add(folder);
        }
    }

    /// <summary>Runs the CLI while watching the run's clone folders, and returns the most seen at once.</summary>
    private async Task<(CliRun Run, int MostClones)> RunWatchingClonesAsync(string work, string[] args)
    {
        var run = Run();
        using var stop = new CancellationTokenSource();
        var most = 0;
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    foreach (var fleet in Directory.GetDirectories(work)) most = Math.Max(most, Directory.GetDirectories(fleet).Length);
                }
                catch (DirectoryNotFoundException)
                {
                    // The run removed the folder while it was being listed.
                }
                await Task.Delay(2);
            }
        });
        await run.RunAsync(args);
        await stop.CancelAsync();
        await watcher;
        return (run, most);
    }

    private static readonly Regex RepoLine = new("^(opened|updated|up to date|failed|kept commits) ", RegexOptions.CultureInvariant);

    /// <summary>The lines printed as each repo finished (the table after them is indented).</summary>
    private static List<string> RepoLines(CliRun run) => [.. run.Out.Output.Split('\n').Select(l => l.TrimEnd()).Where(l => RepoLine.IsMatch(l))];

    private static bool Names(string line, string repo) => Regex.IsMatch(line, $@"^[a-z ]+ {Regex.Escape(repo)}(:| |$)");

    private static string Text(JsonNode node, string key) => node[key]!.GetValue<string>();

    private static List<string> LabelNames(JsonObject request) =>
        [.. (request["labels"] as JsonArray ?? []).Select(l => l is JsonObject o ? o["name"]!.GetValue<string>() : l!.GetValue<string>())];
}
