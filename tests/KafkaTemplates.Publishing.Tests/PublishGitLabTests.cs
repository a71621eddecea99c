using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>publish:gitlab through GitLab's REST API v4 against an emulated GitLab, pushing with real git to its git http-backend.</summary>
public sealed class PublishGitLabTests : IAsyncLifetime
{
    private GitLabEmulator _gitlab = null!;

    public async Task InitializeAsync() => _gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("acme").AddNamespace("acme/data");

    public async Task DisposeAsync() => await _gitlab.DisposeAsync();

    private PublishSettings Settings(string token = GitLabEmulator.Token, string? api = null) => PublishRun.Settings(
        (PublishSettings.GitLabHostVariable, _gitlab.Host),
        (PublishSettings.GitLabApiVariable, api ?? _gitlab.ApiUrl.AbsoluteUri),
        (PublishSettings.GitLabTokenVariable, token));

    private Task<(ScaffoldResult Result, ScaffoldLog Log)> PublishAsync(string name, string owner = "acme", string visibility = "private",
        PublishSettings? settings = null, string host = "gitlab") =>
        PublishRun.RunAsync(settings ?? Settings(), ("name", name), ("owner", owner), ("host", host), ("repoHost", _gitlab.Host), ("visibility", visibility));

    [Fact]
    public async Task Creates_the_project_in_a_group_with_its_settings_and_pushes_the_repo_as_the_first_commit()
    {
        var (result, log) = await PublishAsync("payments");

        var project = _gitlab.Project("acme/payments")!;
        Assert.Equal("private", project["visibility"]!.GetValue<string>());
        Assert.Equal("The payments service", project["description"]!.GetValue<string>());
        Assert.Equal("""["kafka","platform"]""", project["topics"]!.ToJsonString());
        Assert.Equal("ci/pipeline.yml", project["ci_config_path"]!.GetValue<string>());
        Assert.Equal("main", project["default_branch"]!.GetValue<string>());
        Assert.Equal(_gitlab.Namespace("acme")!["id"]!.GetValue<long>(), project["namespace"]!["id"]!.GetValue<long>());
        Assert.Equal(["GET /namespaces/acme", "POST /projects"], _gitlab.Requests);

        var tree = await _gitlab.Git.GitAsync("acme/payments.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("scripts/deploy.sh", StringComparison.Ordinal)));
        Assert.Contains(".kafka-templates.yaml", tree);
        var commit = await _gitlab.Git.GitAsync("acme/payments.git", "log", "-1", "--format=%an <%ae>|%s", "main");
        Assert.Equal("Platform Bot <platform-bot@example.com>|Create payments", commit.Trim());
        var head = (await _gitlab.Git.GitAsync("acme/payments.git", "rev-parse", "main")).Trim();

        Assert.Equal(new Uri(_gitlab.Address, "acme/payments.git").AbsoluteUri, result.Output["links"]![0]!["url"]!.GetValue<string>());
        Assert.Equal($"project {project["id"]}, created true, commit {head}, contents {new Uri(_gitlab.Address, "acme/payments/-/blob/main").AbsoluteUri}",
            result.Output["text"]![0]!["content"]!.GetValue<string>());
        Assert.Contains($"pushed {head[..12]}", PublishRun.Text(log));
    }

    [Fact]
    public async Task Creates_the_project_in_a_subgroup_named_by_its_url_encoded_path()
    {
        await PublishAsync("streams", owner: "acme/data");

        Assert.Contains("GET /namespaces/acme%2Fdata", _gitlab.Requests);
        var project = _gitlab.Project("acme/data/streams")!;
        Assert.Equal(_gitlab.Namespace("acme/data")!["id"]!.GetValue<long>(), project["namespace"]!["id"]!.GetValue<long>());
        Assert.Contains("README.md", await _gitlab.Git.GitAsync("acme/data/streams.git", "ls-tree", "-r", "--name-only", "main"));
    }

    [Fact]
    public async Task Creates_the_project_in_a_user_namespace()
    {
        await PublishAsync("sandbox", owner: GitLabEmulator.UserName);

        var project = _gitlab.Project($"{GitLabEmulator.UserName}/sandbox")!;
        Assert.Equal("user", project["namespace"]!["kind"]!.GetValue<string>());
        Assert.Contains("README.md", await _gitlab.Git.GitAsync($"{GitLabEmulator.UserName}/sandbox.git", "ls-tree", "-r", "--name-only", "main"));
    }

    [Theory]
    [InlineData("public")]
    [InlineData("internal")]
    public async Task Creates_the_project_with_the_visibility_asked_for(string visibility)
    {
        await PublishAsync("shared", visibility: visibility);

        Assert.Equal(visibility, _gitlab.Project("acme/shared")!["visibility"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_namespace_that_does_not_exist_is_named_and_nothing_is_created()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("orders", owner: "nobody/here"));

        Assert.Contains("step 'publish-gitlab'", e.Message);
        Assert.Contains("the namespace 'nobody/here' is not found", e.Message);
        Assert.DoesNotContain(_gitlab.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_name_that_is_taken_fails_naming_it_and_creates_and_pushes_nothing()
    {
        await PublishAsync("orders");
        var before = (await _gitlab.Git.GitAsync("acme/orders.git", "rev-parse", "main")).Trim();

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("orders"));

        Assert.Contains("the project acme/orders already exists on GitLab at", e.Message);
        Assert.Contains("Nothing was created or pushed", e.Message);
        Assert.Equal(before, (await _gitlab.Git.GitAsync("acme/orders.git", "rev-parse", "main")).Trim());
        Assert.DoesNotContain(_gitlab.Requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_push_that_fails_leaves_the_empty_project_says_so_and_a_rerun_pushes_into_it()
    {
        _gitlab.Git.UnavailableFor = 1000;

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("billing"));

        var project = _gitlab.Project("acme/billing")!;
        Assert.Contains($"created the project {project["web_url"]} (id {project["id"]}) but could not push to it", e.Message);
        Assert.Contains("The project is left empty; run again with the same name and the rerun pushes into it", e.Message);
        Assert.DoesNotContain(_gitlab.Requests, r => r.StartsWith("DELETE", StringComparison.Ordinal));
        Assert.Equal("", (await _gitlab.Git.GitAsync("acme/billing.git", "for-each-ref")).Trim());

        _gitlab.Git.UnavailableFor = 0;
        var (result, log) = await PublishAsync("billing");

        // Taken over through the API: the name is taken, GET /projects/:path says empty_repo, and the push goes there.
        Assert.Contains("GET /projects/acme%2Fbilling", _gitlab.Requests);
        Assert.Contains("exists and is empty", PublishRun.Text(log));
        Assert.Equal(project["id"]!.GetValue<long>(), _gitlab.Project("acme/billing")!["id"]!.GetValue<long>());
        Assert.Contains("README.md", await _gitlab.Git.GitAsync("acme/billing.git", "ls-tree", "-r", "--name-only", "main"));
        Assert.StartsWith($"project {project["id"]}, created false, commit ", result.Output["text"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_rerun_that_fails_to_push_again_says_the_project_exists_and_is_still_empty()
    {
        _gitlab.Git.UnavailableFor = 1000;
        await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger"));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger"));

        var project = _gitlab.Project("acme/ledger")!;
        Assert.Contains($"the project {project["web_url"]} (id {project["id"]}) exists and is empty, but pushing to it failed", e.Message);
    }

    [Fact]
    public async Task Owner_branches_and_variables_are_set_as_the_template_asks()
    {
        var (result, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "gitlab"), ("repoHost", _gitlab.Host), ("variableValue", "a-long-secret-value"));

        Assert.Equal(50, _gitlab.Members("acme/streams")[GitLabEmulator.UserId]);
        var main = (await _gitlab.Git.GitAsync("acme/streams.git", "rev-parse", "main")).Trim();
        Assert.Equal(main, (await _gitlab.Git.GitAsync("acme/streams.git", "rev-parse", "develop")).Trim());
        Assert.Equal(["develop", "main"], _gitlab.ProtectedBranches("acme/streams"));
        var variables = _gitlab.Variables("acme/streams");
        Assert.Equal("production", variables["KAFKA_ENV"]["value"]!.GetValue<string>());
        Assert.Equal("env_var", variables["KAFKA_ENV"]["variable_type"]!.GetValue<string>());
        Assert.Equal("*", variables["KAFKA_ENV"]["environment_scope"]!.GetValue<string>());
        Assert.False(variables["KAFKA_ENV"]["masked"]!.GetValue<bool>());
        Assert.True(variables["DEPLOY_SECRET"]["masked"]!.GetValue<bool>());
        Assert.True(variables["DEPLOY_SECRET"]["protected"]!.GetValue<bool>());
        Assert.Equal("production", variables["DEPLOY_SECRET"]["environment_scope"]!.GetValue<string>());
        Assert.Contains($"created true, commit {main}", result.Output["text"]![0]!["content"]!.GetValue<string>());
        Assert.DoesNotContain("a-long-secret-value", PublishRun.Text(log));
    }

    [Fact]
    public async Task A_rerun_after_a_failed_push_finds_the_owner_added_and_sets_branches_and_variables()
    {
        _gitlab.Git.UnavailableFor = 1000;
        await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "gitlab"), ("repoHost", _gitlab.Host)));
        Assert.Equal(50, _gitlab.Members("acme/streams")[GitLabEmulator.UserId]);
        Assert.Empty(_gitlab.Variables("acme/streams"));

        _gitlab.Git.UnavailableFor = 0;
        var (result, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "gitlab"), ("repoHost", _gitlab.Host));

        Assert.Contains($"{GitLabEmulator.UserName} is a member of", PublishRun.Text(log));
        Assert.Equal(["develop", "main"], _gitlab.ProtectedBranches("acme/streams"));
        Assert.Equal(["DEPLOY_SECRET", "KAFKA_ENV"], _gitlab.Variables("acme/streams").Keys.Order());
        Assert.StartsWith("created false, commit ", result.Output["text"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task With_sourcePath_false_the_project_is_created_empty_with_its_variables()
    {
        var (result, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "blank"), ("host", "gitlab"), ("repoHost", _gitlab.Host), ("emptyProject", "true"));

        Assert.Equal("", (await _gitlab.Git.GitAsync("acme/blank.git", "for-each-ref")).Trim());
        Assert.Equal(["DEPLOY_SECRET", "KAFKA_ENV"], _gitlab.Variables("acme/blank").Keys.Order());
        Assert.Empty(_gitlab.ProtectedBranches("acme/blank"));
        Assert.StartsWith("created true, commit , contents ", result.Output["text"]![0]!["content"]!.GetValue<string>());
        Assert.Contains("(sourcePath: false)", PublishRun.Text(log));
    }

    [Fact]
    public async Task A_variable_GitLab_refuses_is_named_without_its_value()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "gitlab"), ("repoHost", _gitlab.Host), ("variableValue", "short")));

        Assert.Contains("input 'projectVariables'", e.Message);
        Assert.Contains("did not add the variable DEPLOY_SECRET", e.Message);
        Assert.Contains("value is invalid", e.Message);
        Assert.DoesNotContain("short", e.Message.Replace("short project", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_skipExisting_a_project_that_holds_commits_is_left_as_it_is_and_reported_as_not_created()
    {
        await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(), ("name", "kept"), ("host", "gitlab"), ("repoHost", _gitlab.Host));
        var before = (await _gitlab.Git.GitAsync("acme/kept.git", "rev-parse", "main")).Trim();

        var (result, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "kept"), ("host", "gitlab"), ("repoHost", _gitlab.Host), ("skipExisting", "true"));

        Assert.Equal(before, (await _gitlab.Git.GitAsync("acme/kept.git", "rev-parse", "main")).Trim());
        Assert.Equal($"created false, commit , contents {new Uri(_gitlab.Address, "acme/kept/-/blob/main").AbsoluteUri}", result.Output["text"]![0]!["content"]!.GetValue<string>());
        Assert.Contains("skipExisting is set, so nothing is pushed", PublishRun.Text(log));
    }

    [Fact]
    public async Task A_token_in_the_template_is_refused_and_no_host_is_called()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", host: "gitlab-with-token"));

        Assert.Contains("input 'token' is not taken", e.Message);
        Assert.Contains(PublishSettings.GitLabTokenVariable, e.Message);
        Assert.DoesNotContain("glpat-fromthetemplate", e.Message);
        Assert.Empty(_gitlab.Requests);
    }

    [Fact]
    public async Task The_token_never_shows_in_logs_outputs_urls_or_request_bodies()
    {
        var (result, log) = await PublishAsync("secrets");
        _gitlab.Git.UnavailableFor = 1000;
        var failure = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("secrets-two"));

        Assert.DoesNotContain(GitLabEmulator.Token, PublishRun.Text(log));
        Assert.DoesNotContain(GitLabEmulator.Token, result.Output.ToJsonString());
        Assert.DoesNotContain(GitLabEmulator.Token, failure.ToString());
        Assert.All(_gitlab.Git.RequestLines, line => Assert.DoesNotContain(GitLabEmulator.Token, line));
        Assert.All(_gitlab.Requests, line => Assert.DoesNotContain(GitLabEmulator.Token, line));
        Assert.All(_gitlab.RequestBodies, body => Assert.DoesNotContain(GitLabEmulator.Token, body));
    }

    [Fact]
    public void A_Backstage_input_it_does_not_support_is_refused_when_the_template_loads()
    {
        using var folder = new TempFolder("gitlab-template");
        folder.Write("template.yaml", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: with-variables }
            spec:
              owner: platform
              type: service
              steps:
                - id: publish
                  action: publish:gitlab
                  input:
                    repoUrl: gitlab.com?owner=acme&repo=payments
                    signCommit: true
            """);
        var engine = new EngineServices(PublishingActions.Create(Settings()));

        var e = Assert.Throws<TemplateLoadException>(() => engine.Loader.Load(folder.Path));

        Assert.Contains(e.Problems, p => p.Message.Contains("publish:gitlab has no input 'signCommit'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_token_is_refused_with_the_variable_to_set()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", settings: Settings("glpat-wrong")));

        Assert.Contains("refused the token", e.Message);
        Assert.Contains(PublishSettings.GitLabTokenVariable, e.Message);
        Assert.DoesNotContain("glpat-wrong", e.ToString());
    }

    [Fact]
    public async Task A_token_without_the_api_scope_is_named_with_the_scope_it_needs()
    {
        _gitlab.AddToken("glpat-readonly", "read_api");

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", settings: Settings("glpat-readonly")));

        Assert.Contains("lacks the scope 'api' needed to create the project acme/ledger", e.Message);
        Assert.Null(_gitlab.Project("acme/ledger"));
    }

    [Fact]
    public async Task Too_many_requests_is_waited_out_and_the_project_is_created_once()
    {
        _gitlab.Faults.Add(new HostFault("POST", "/projects", 429, times: 2));

        var (_, log) = await PublishAsync("search");

        Assert.Contains($"GitLab at {_gitlab.Host} answered 429", PublishRun.Text(log));
        Assert.Equal(3, _gitlab.Requests.Count(r => r == "POST /projects"));
        Assert.NotNull(_gitlab.Project("acme/search"));
    }

    [Fact]
    public async Task A_host_that_keeps_failing_is_asked_again_then_named_and_nothing_is_created()
    {
        _gitlab.Faults.Add(new HostFault("POST", "/projects", 502, times: 10));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("audit"));

        Assert.Contains($"GitLab at {_gitlab.Host} answered 502", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
        Assert.Equal(4, _gitlab.Requests.Count(r => r == "POST /projects"));
        Assert.Null(_gitlab.Project("acme/audit"));
    }

    [Fact]
    public async Task A_host_that_is_down_is_named()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishAsync("audit", settings: Settings(api: $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/api/v4")));

        Assert.Contains($"GitLab at {_gitlab.Host} could not be reached", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
    }
}
