using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>
/// What a fleet upgrade asks of each host, on the emulated GitHub and GitLab: which repository a URL names (only on a
/// configured host with a token), and the answers that become clear failures: a repository not there, a token without
/// the scope.
/// </summary>
public sealed class UpgradeRequestHostTests : IAsyncLifetime
{
    private GitHubEmulator _github = null!;
    private GitLabEmulator _gitlab = null!;

    public async Task InitializeAsync()
    {
        _github = (await GitHubEmulator.StartAsync()).AddOrganization("acme");
        _gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("acme").AddNamespace("acme/data");
    }

    public async Task DisposeAsync()
    {
        await _github.DisposeAsync();
        await _gitlab.DisposeAsync();
    }

    private PublishSettings Settings(string gitLabToken = GitLabEmulator.Token) => PublishRun.Settings(
        (PublishSettings.GitHubHostVariable, _github.Host), (PublishSettings.GitHubApiVariable, _github.Address.AbsoluteUri),
        (PublishSettings.GitHubTokenVariable, GitHubEmulator.Token),
        (PublishSettings.GitLabHostVariable, _gitlab.Host), (PublishSettings.GitLabApiVariable, _gitlab.ApiUrl.AbsoluteUri),
        (PublishSettings.GitLabTokenVariable, gitLabToken));

    [Theory]
    [InlineData("github", "{0}/acme/payments-kafka", "acme/payments-kafka")]
    [InlineData("github", "{0}/acme/payments-kafka.git", "acme/payments-kafka")]
    [InlineData("github", "{0}/acme/payments-kafka/", "acme/payments-kafka")]
    [InlineData("github", "{1}?owner=acme&repo=payments-kafka", "acme/payments-kafka")]
    [InlineData("gitlab", "{0}/acme/data/streams.git", "acme/data/streams")]
    [InlineData("gitlab", "{1}?owner=acme/data&repo=streams", "acme/data/streams")]
    public void A_repository_is_named_by_its_url_or_repoUrl_on_a_configured_host(string host, string format, string path)
    {
        var (address, hostAndPort) = host == "github" ? (_github.Address.AbsoluteUri.TrimEnd('/'), _github.Host) : (_gitlab.Address.AbsoluteUri.TrimEnd('/'), _gitlab.Host);
        var repo = HostedRepo.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, address, hostAndPort), Settings());
        Assert.Equal((host == "github" ? HostKind.GitHub : HostKind.GitLab, path), (repo.Integration.Kind, repo.Path));
        Assert.Equal($"{hostAndPort}/{path}", repo.Display);
    }

    [Theory]
    [InlineData("https://bitbucket.example.com/acme/payments", "which is neither the configured GitHub host")]
    [InlineData("https://user:secret@{0}/acme/payments", "carries a user name or password")]
    [InlineData("{0}/acme/team/payments", "a GitHub repository is <owner>/<name>")]
    [InlineData("{0}/acme", "does not name a repository as <owner>/<name>")]
    [InlineData("{0}/acme/pay ments", "does not name a repository as <owner>/<name>")]
    [InlineData("ftp://{0}/acme/payments", "is not a repository URL")]
    public void Anything_else_is_refused_with_what_to_give(string text, string message)
    {
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, text, text.StartsWith("{0}", StringComparison.Ordinal) ? _github.Address.AbsoluteUri.TrimEnd('/') : _github.Host);
        var e = Assert.Throws<PublishException>(() => HostedRepo.Parse(value, Settings()));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_is_down_is_asked_again_then_named()
    {
        var down = $"127.0.0.1:{LoopbackServer.ClosedPort()}";
        var settings = PublishRun.Settings((PublishSettings.GitHubHostVariable, down), (PublishSettings.GitHubApiVariable, $"http://{down}/"),
            (PublishSettings.GitHubTokenVariable, GitHubEmulator.Token));
        var lines = new List<string>();
        var host = UpgradeRequestHosts.For(HostedRepo.Parse($"http://{down}/acme/payments", settings), settings.Retry, lines.Add);

        var e = await Assert.ThrowsAsync<PublishException>(() => host.ReadAsync(CancellationToken.None));

        Assert.StartsWith($"GitHub at {down} could not be reached", e.Message, StringComparison.Ordinal);
        Assert.Contains("on each of 4 attempts", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, lines.Count(l => l.Contains("asking again", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_repository_the_host_does_not_have_is_named()
    {
        var github = UpgradeRequestHosts.For(HostedRepo.Parse(new Uri(_github.Address, "acme/nope").AbsoluteUri, Settings()), Settings().Retry, null);
        var e = await Assert.ThrowsAsync<PublishException>(() => github.ReadAsync(CancellationToken.None));
        Assert.Contains($"GitHub at {_github.Host} has no repository acme/nope, or the token may not see it", e.Message, StringComparison.Ordinal);

        var gitlab = UpgradeRequestHosts.For(HostedRepo.Parse(new Uri(_gitlab.Address, "acme/data/nope").AbsoluteUri, Settings()), Settings().Retry, null);
        e = await Assert.ThrowsAsync<PublishException>(() => gitlab.ReadAsync(CancellationToken.None));
        Assert.Contains($"GitLab at {_gitlab.Host} has no project acme/data/nope", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_request_that_needs_a_person_opens_ready_with_its_marks_where_the_repository_has_no_drafts()
    {
        using var temp = new TempFolder("no-drafts");
        var source = await RepoWithBranchAsync(temp, "kafka-templates/x-1.0.0");
        await _github.SeedRepoAsync("acme", "payments", source);
        _github.WithoutDrafts.Add("acme/payments");
        var lines = new List<string>();
        var host = UpgradeRequestHosts.For(HostedRepo.Parse(new Uri(_github.Address, "acme/payments").AbsoluteUri, Settings()), Settings().Retry, lines.Add);

        var link = await host.OpenAsync(new UpgradeRequestDraft("kafka-templates/x-1.0.0", "main", "[needs a person] Upgrade x to 1.0.0", "plan", true), CancellationToken.None);

        Assert.False(link.Draft);
        Assert.Equal(["kafka-templates", "needs-a-person"], link.Labels);
        Assert.Contains("acme/payments has no draft pull requests; opening a ready one, marked by its title and label", lines);
        var pull = Assert.Single(_github.PullRequests("acme", "payments"));
        Assert.Equal("[needs a person] Upgrade x to 1.0.0", pull["title"]!.GetValue<string>());
    }

    /// <summary>A git repo with a commit on main and another on <paramref name="branch"/>.</summary>
    private static async Task<string> RepoWithBranchAsync(TempFolder temp, string branch)
    {
        var source = temp.Combine("repo");
        temp.Write("repo/README.md", "hello\n");
        await TestGit.RunAsync(source, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(source, "add", "-A");
        await TestGit.RunAsync(source, "commit", "--quiet", "-m", "first");
        await TestGit.RunAsync(source, "checkout", "--quiet", "-b", branch);
        temp.Write("repo/README.md", "hello again\n");
        await TestGit.RunAsync(source, "commit", "--quiet", "-am", "upgrade");
        await TestGit.RunAsync(source, "checkout", "--quiet", "main");
        return source;
    }

    [Fact]
    public async Task A_gitlab_token_that_may_only_read_fails_the_merge_request_naming_the_scope_api()
    {
        using var temp = new TempFolder("read-api");
        await _gitlab.SeedProjectAsync("acme/data/streams", await RepoWithBranchAsync(temp, "kafka-templates/x-1.0.0"));
        const string readOnly = "glpat-readonly000000000000000";
        _gitlab.AddToken(readOnly, "read_api");
        var settings = Settings(readOnly);
        var host = UpgradeRequestHosts.For(HostedRepo.Parse(new Uri(_gitlab.Address, "acme/data/streams").AbsoluteUri, settings), settings.Retry, null);

        var info = await host.ReadAsync(CancellationToken.None);
        Assert.Equal("main", info.DefaultBranch);
        Assert.Null(await host.FindOpenAsync("kafka-templates/x-1.0.0", "main", CancellationToken.None));
        var e = await Assert.ThrowsAsync<PublishException>(() => host.OpenAsync(new UpgradeRequestDraft("kafka-templates/x-1.0.0", "main", "Upgrade x to 1.0.0", "plan", false), CancellationToken.None));
        Assert.Contains("lacks the scope 'api' needed to open a merge request on acme/data/streams", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(readOnly, e.Message, StringComparison.Ordinal);
    }
}
