using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>publish:git pushes over git's smart HTTP protocol to a loopback server in front of git http-backend.</summary>
public sealed class PublishGitTests : IAsyncLifetime, IDisposable
{
    private const string Token = "plain-git-token-5f1e";
    private readonly TempFolder _root = new("git-host");
    private GitHttpBackend _git = null!;
    private LoopbackServer _server = null!;

    public async Task InitializeAsync()
    {
        _git = new GitHttpBackend(_root.Path, Token);
        _server = await LoopbackServer.StartAsync(ctx => _git.HandleAsync(ctx, ctx.Request.Path.Value!));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _root.Dispose();

    private PublishSettings Settings(string token = Token) =>
        PublishRun.Settings((PublishSettings.GitTokenVariable, token), (PublishSettings.GitUserVariable, "publisher"));

    private string RemoteUrl(string repo) => new Uri(_server.Address, repo).AbsoluteUri;

    [Fact]
    public async Task Pushes_the_rendered_repo_with_its_answers_file_and_modes_as_the_first_commit()
    {
        await _git.CreateBareRepoAsync("team/orders.git");

        var (result, log) = await PublishRun.RunAsync(Settings(), ("name", "orders"), ("host", "git"), ("remoteUrl", RemoteUrl("team/orders.git")));

        var tree = await _git.GitAsync("team/orders.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("scripts/deploy.sh", StringComparison.Ordinal)));
        Assert.Contains("100644 blob", tree.Split('\n').Single(l => l.EndsWith("README.md", StringComparison.Ordinal)));
        Assert.Contains(".kafka-templates.yaml", tree);
        Assert.Equal("# orders\n\nOwned by platform.\n", await _git.GitAsync("team/orders.git", "show", "main:README.md"));
        var head = (await _git.GitAsync("team/orders.git", "rev-parse", "main")).Trim();
        Assert.Equal("Create orders", (await _git.GitAsync("team/orders.git", "log", "-1", "--format=%s", "main")).Trim());
        Assert.Equal("Scaffolder <scaffolder@backstage.io>", (await _git.GitAsync("team/orders.git", "log", "-1", "--format=%an <%ae>", "main")).Trim());

        Assert.Equal(RemoteUrl("team/orders.git"), result.Output["links"]![0]!["url"]!.GetValue<string>());
        Assert.Contains($"pushed {head[..12]}", PublishRun.Text(log));
        Assert.DoesNotContain(Token, PublishRun.Text(log));
        Assert.All(_git.RequestLines, line => Assert.DoesNotContain(Token, line));
    }

    [Fact]
    public async Task A_remote_that_already_holds_commits_is_left_as_it_was_and_the_step_says_so()
    {
        await _git.CreateBareRepoAsync("team/taken.git");
        await PublishRun.RunAsync(Settings(), ("name", "taken"), ("host", "git"), ("remoteUrl", RemoteUrl("team/taken.git")));
        var before = (await _git.GitAsync("team/taken.git", "rev-parse", "main")).Trim();

        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishRun.RunAsync(Settings(), ("name", "other"), ("host", "git"), ("remoteUrl", RemoteUrl("team/taken.git"))));

        Assert.Contains("step 'publish-git'", e.Message);
        Assert.Contains("already holds commits", e.Message);
        Assert.Contains("nothing was pushed", e.Message);
        Assert.Equal(before, (await _git.GitAsync("team/taken.git", "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task A_wrong_token_is_refused_with_the_variable_to_set_and_is_never_printed()
    {
        await _git.CreateBareRepoAsync("team/locked.git");

        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishRun.RunAsync(Settings("not-the-token-93a"), ("name", "locked"), ("host", "git"), ("remoteUrl", RemoteUrl("team/locked.git"))));

        Assert.Contains("refused the token", e.Message);
        Assert.Contains(PublishSettings.GitTokenVariable, e.Message);
        Assert.DoesNotContain("not-the-token-93a", e.ToString());
        Assert.Equal("", (await _git.GitAsync("team/locked.git", "for-each-ref")).Trim());
    }

    [Fact]
    public async Task A_host_that_is_down_is_asked_again_then_named_in_the_failure()
    {
        var port = LoopbackServer.ClosedPort();

        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishRun.RunAsync(Settings(), ("name", "gone"), ("host", "git"), ("remoteUrl", $"http://127.0.0.1:{port}/team/gone.git")));

        Assert.Contains($"127.0.0.1:{port} did not answer git", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
    }

    [Fact]
    public async Task A_host_that_is_briefly_unavailable_gets_the_push_on_a_later_attempt()
    {
        await _git.CreateBareRepoAsync("team/flaky.git");
        _git.UnavailableFor = 2;

        var (_, log) = await PublishRun.RunAsync(Settings(), ("name", "flaky"), ("host", "git"), ("remoteUrl", RemoteUrl("team/flaky.git")));

        Assert.Contains("asking again", PublishRun.Text(log));
        Assert.Contains("README.md", await _git.GitAsync("team/flaky.git", "ls-tree", "-r", "--name-only", "main"));
    }

    [Fact]
    public async Task A_url_with_a_password_in_it_is_refused_before_git_runs()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishRun.RunAsync(Settings(), ("name", "inline"), ("host", "git"), ("remoteUrl", $"http://user:secret-in-url@127.0.0.1:{_server.Address.Port}/team/inline.git")));

        Assert.Contains("carries a user name or password", e.Message);
        Assert.DoesNotContain("secret-in-url", e.Message);
        Assert.Empty(_git.RequestLines);
    }
}
