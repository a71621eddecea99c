using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>publish:github through GitHub's REST API against an emulated GitHub, pushing with real git to its git http-backend.</summary>
public sealed class PublishGitHubTests : IAsyncLifetime
{
    private GitHubEmulator _github = null!;

    public async Task InitializeAsync() => _github = (await GitHubEmulator.StartAsync()).AddOrganization("acme", "platform-admins")
        .DefineCustomProperty("acme", "team").DefineCustomProperty("acme", "data-classes");

    public async Task DisposeAsync() => await _github.DisposeAsync();

    private PublishSettings Settings(string token = GitHubEmulator.Token, string? api = null) => PublishRun.Settings(
        (PublishSettings.GitHubHostVariable, _github.Host),
        (PublishSettings.GitHubApiVariable, api ?? _github.Address.AbsoluteUri),
        (PublishSettings.GitHubTokenVariable, token));

    private Task<(ScaffoldResult Result, ScaffoldLog Log)> PublishAsync(string name, PublishSettings? settings = null) =>
        PublishRun.RunAsync(settings ?? Settings(), ("name", name), ("owner", "acme"), ("host", "github"), ("repoHost", _github.Host));

    [Fact]
    public async Task Creates_the_organisation_repository_with_access_and_topics_and_pushes_the_repo()
    {
        var (result, log) = await PublishAsync("payments");

        var repo = _github.Repo("acme", "payments")!;
        Assert.Equal("private", repo["visibility"]!.GetValue<string>());
        Assert.Equal("The payments service", repo["description"]!.GetValue<string>());
        Assert.Equal("""["kafka","platform"]""", repo["topics"]!.ToJsonString());
        Assert.Equal("admin", repo["emulator_teams"]!["platform-admins"]!.GetValue<string>());
        Assert.Contains("POST /orgs/acme/repos", _github.Requests);

        var tree = await _github.Git.GitAsync("acme/payments.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("scripts/deploy.sh", StringComparison.Ordinal)));
        Assert.Contains(".kafka-templates.yaml", tree);
        var head = (await _github.Git.GitAsync("acme/payments.git", "rev-parse", "main")).Trim();

        Assert.Equal(new Uri(_github.Address, "acme/payments.git").AbsoluteUri, result.Output["links"]![0]!["url"]!.GetValue<string>());
        Assert.Contains($"pushed {head[..12]}", PublishRun.Text(log));

        // Backstage's defaults protect the default branch: admins included, one approving review, up to date, no restrictions.
        var protection = _github.BranchProtection("acme", "payments", "main")!;
        Assert.True(protection["enforce_admins"]!["enabled"]!.GetValue<bool>());
        Assert.Equal(1, protection["required_pull_request_reviews"]!["required_approving_review_count"]!.GetValue<int>());
        Assert.False(protection["required_pull_request_reviews"]!["require_code_owner_reviews"]!.GetValue<bool>());
        Assert.True(protection["required_status_checks"]!["strict"]!.GetValue<bool>());
        Assert.Equal("[]", protection["required_status_checks"]!["contexts"]!.ToJsonString());
        Assert.Null(protection["restrictions"]);
        Assert.False(protection["required_signatures"]!["enabled"]!.GetValue<bool>());
        Assert.Contains("protected the branch main", PublishRun.Text(log));
        Assert.DoesNotContain(GitHubEmulator.Token, PublishRun.Text(log));
        Assert.All(_github.Git.RequestLines, line => Assert.DoesNotContain(GitHubEmulator.Token, line));
    }

    [Fact]
    public async Task A_name_taken_by_a_repository_with_commits_fails_with_the_url_and_pushes_nothing()
    {
        await PublishAsync("orders");
        var before = (await _github.Git.GitAsync("acme/orders.git", "rev-parse", "main")).Trim();

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("orders"));

        Assert.Contains("step 'publish-github'", e.Message);
        Assert.Contains("acme/orders already exists on GitHub", e.Message);
        Assert.Contains("Nothing was pushed", e.Message);
        Assert.Equal(before, (await _github.Git.GitAsync("acme/orders.git", "rev-parse", "main")).Trim());
    }

    [Fact]
    public async Task A_push_that_fails_after_the_repository_was_created_says_so_and_a_rerun_finishes_the_job()
    {
        _github.Git.UnavailableFor = 1000;

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("billing"));

        Assert.Contains($"created the repository {new Uri(_github.Address, "acme/billing").AbsoluteUri} but could not push to it", e.Message);
        Assert.Contains("The repository is left empty; run again with the same name and the rerun pushes into it", e.Message);
        Assert.NotNull(_github.Repo("acme", "billing"));

        _github.Git.UnavailableFor = 0;
        var (_, log) = await PublishAsync("billing");

        // Emptiness is read from the API (no branches), and the rerun creates nothing new.
        Assert.Contains("GET /repos/acme/billing/branches", _github.Requests);
        Assert.Contains("exists and is empty", PublishRun.Text(log));
        Assert.Contains("README.md", await _github.Git.GitAsync("acme/billing.git", "ls-tree", "-r", "--name-only", "main"));
        Assert.NotNull(_github.BranchProtection("acme", "billing", "main"));
    }

    [Fact]
    public async Task A_rerun_that_fails_to_push_again_says_the_repository_exists_and_is_still_empty()
    {
        _github.Git.UnavailableFor = 1000;
        await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger"));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger"));

        Assert.Contains($"the repository {new Uri(_github.Address, "acme/ledger").AbsoluteUri} exists and is empty, but pushing to it failed", e.Message);
        Assert.Single(_github.Requests, r => r == "GET /repos/acme/ledger");
    }

    [Fact]
    public async Task Branch_protection_and_repository_settings_are_applied_as_the_template_asks()
    {
        var (_, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "github"), ("repoHost", _github.Host));

        var protection = _github.BranchProtection("acme", "streams", "main")!;
        Assert.False(protection["enforce_admins"]!["enabled"]!.GetValue<bool>());
        var reviews = protection["required_pull_request_reviews"]!;
        Assert.Equal(2, reviews["required_approving_review_count"]!.GetValue<int>());
        Assert.True(reviews["require_code_owner_reviews"]!.GetValue<bool>());
        Assert.True(reviews["dismiss_stale_reviews"]!.GetValue<bool>());
        Assert.True(reviews["require_last_push_approval"]!.GetValue<bool>());
        Assert.Equal("""{"teams":["platform-admins"]}""", reviews["bypass_pull_request_allowances"]!.ToJsonString());
        Assert.False(protection["required_status_checks"]!["strict"]!.GetValue<bool>());
        Assert.Equal("""["build","validate"]""", protection["required_status_checks"]!["contexts"]!.ToJsonString());
        Assert.Equal("""["release-bot"]""", protection["restrictions"]!["users"]!.ToJsonString());
        Assert.Equal("""["platform-admins"]""", protection["restrictions"]!["teams"]!.ToJsonString());
        Assert.True(protection["required_conversation_resolution"]!["enabled"]!.GetValue<bool>());
        Assert.True(protection["required_linear_history"]!["enabled"]!.GetValue<bool>());
        Assert.True(protection["required_signatures"]!["enabled"]!.GetValue<bool>());
        Assert.Contains("protected the branch main (signed commits required)", PublishRun.Text(log));

        var repo = _github.Repo("acme", "streams")!;
        Assert.Equal("PR_TITLE", repo["squash_merge_commit_title"]!.GetValue<string>());
        Assert.Equal("PR_BODY", repo["squash_merge_commit_message"]!.GetValue<string>());
        Assert.Equal("production", repo["emulator_variables"]!["KAFKA_ENV"]!.GetValue<string>());
        Assert.True(repo["emulator_subscription"]!["subscribed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Secrets_arrive_sealed_to_the_repository_key_and_their_values_are_never_shown()
    {
        var (result, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "github"), ("repoHost", _github.Host), ("variableValue", "a-long-secret-value"), ("deployToken", "t0k3n-from-a-secret-field"));

        // The emulator opened each sealed box with its own private key: the values arrived intact.
        Assert.Equal("a-long-secret-value", _github.Secret("acme", "streams", "DEPLOY_SECRET"));
        Assert.Equal("pässwörd with spaces & symbols", _github.Secret("acme", "streams", "SCHEMA_REGISTRY_PASSWORD"));
        Assert.Equal("t0k3n-from-a-secret-field", _github.Secret("acme", "streams", "DEPLOY_TOKEN"));
        // Backstage's order: variables, then the key, then each secret, then the OIDC claim, the properties, the subscription.
        var calls = _github.Requests.Where(r => r.Contains("/actions/", StringComparison.Ordinal) || r.Contains("/properties/", StringComparison.Ordinal) || r.EndsWith("/subscription", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            "POST /repos/acme/streams/actions/variables",
            "GET /repos/acme/streams/actions/secrets/public-key",
            "PUT /repos/acme/streams/actions/secrets/DEPLOY_SECRET",
            "PUT /repos/acme/streams/actions/secrets/DEPLOY_TOKEN",
            "PUT /repos/acme/streams/actions/secrets/SCHEMA_REGISTRY_PASSWORD",
            "PUT /repos/acme/streams/actions/oidc/customization/sub",
            "PATCH /repos/acme/streams/properties/values",
            "PUT /repos/acme/streams/subscription",
        ], calls);

        var shown = PublishRun.Text(log) + "\n" + result.Output.ToJsonString() + "\n" + System.Text.Json.JsonSerializer.Serialize(result.Steps);
        Assert.Contains("set the Actions secret DEPLOY_SECRET", shown);
        Assert.DoesNotContain("a-long-secret-value", shown);
        Assert.DoesNotContain("pässwörd", shown);
        Assert.DoesNotContain("t0k3n-from-a-secret-field", shown + result.Answers.Answers.ToJsonString());
        Assert.DoesNotContain("a-long-secret-value", System.Text.Json.JsonSerializer.Serialize(_github.Repo("acme", "streams")));
    }

    [Fact]
    public async Task The_oidc_subject_claim_and_custom_properties_are_set_in_GitHubs_shapes()
    {
        await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(), ("name", "streams"), ("host", "github"), ("repoHost", _github.Host));

        var repo = _github.Repo("acme", "streams")!;
        Assert.Equal("""{"use_default":false,"include_claim_keys":["repo","context","job_workflow_ref"]}""", repo["emulator_oidc_sub"]!.ToJsonString());
        Assert.Equal("""{"team":"platform","data-classes":["pii","payments"]}""", repo["custom_properties"]!.ToJsonString());
    }

    [Fact]
    public async Task A_rerun_updates_the_secrets_the_first_run_set()
    {
        _github.Git.UnavailableFor = 1000;
        await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "github"), ("repoHost", _github.Host), ("variableValue", "first-value")));
        _github.Git.UnavailableFor = 0;

        await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(), ("name", "streams"), ("host", "github"), ("repoHost", _github.Host), ("variableValue", "second-value"));

        Assert.Equal("second-value", _github.Secret("acme", "streams", "DEPLOY_SECRET"));
    }

    [Fact]
    public async Task A_token_without_the_repo_scope_is_told_which_scope_secrets_need_without_the_value()
    {
        _github.AddToken("ghp_publiconly", "public_repo", "admin:org");

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings("ghp_publiconly"),
            ("name", "streams"), ("host", "github"), ("repoHost", _github.Host), ("variableValue", "a-long-secret-value")));

        Assert.Contains("lacks the scope 'repo'", e.Message);
        Assert.Contains("Actions public key", e.Message);
        Assert.DoesNotContain("a-long-secret-value", e.ToString());
        Assert.Null(_github.Secret("acme", "streams", "DEPLOY_SECRET"));
    }

    [Fact]
    public async Task A_custom_property_the_organisation_does_not_define_is_refused_naming_the_input()
    {
        await using var github = (await GitHubEmulator.StartAsync()).AddOrganization("acme", "platform-admins").DefineCustomProperty("acme", "team");
        var settings = PublishRun.Settings((PublishSettings.GitHubHostVariable, github.Host), (PublishSettings.GitHubApiVariable, github.Address.AbsoluteUri), (PublishSettings.GitHubTokenVariable, GitHubEmulator.Token));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, settings,
            ("name", "streams"), ("host", "github"), ("repoHost", github.Host)));

        Assert.Contains("refused input 'customProperties' (422", e.Message);
        Assert.Contains("Property data-classes does not exist in the organization", e.Message);
    }

    [Fact]
    public async Task Custom_properties_for_a_user_repository_are_skipped_with_a_warning_as_Backstage_skips_them()
    {
        var (_, log) = await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("owner", "octo-user"), ("host", "github"), ("repoHost", _github.Host));

        Assert.Contains("skipped input 'customProperties': 'octo-user' is a user", PublishRun.Text(log));
        Assert.DoesNotContain(_github.Requests, r => r.Contains("/properties/", StringComparison.Ordinal));
        Assert.Null(_github.Repo("octo-user", "streams")!["custom_properties"]);
        Assert.Equal("s3cr3t-value", _github.Secret("octo-user", "streams", "DEPLOY_SECRET"));
    }

    [Fact]
    public async Task A_rerun_after_a_failed_push_updates_the_settings_the_first_run_made_and_protects_the_branch()
    {
        _github.Git.UnavailableFor = 1000;
        await Assert.ThrowsAsync<ScaffoldException>(() => PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(),
            ("name", "streams"), ("host", "github"), ("repoHost", _github.Host)));
        Assert.Null(_github.BranchProtection("acme", "streams", "main"));

        _github.Git.UnavailableFor = 0;
        await PublishRun.RunTemplateAsync(PublishRun.SettingsTemplateFolder, Settings(), ("name", "streams"), ("host", "github"), ("repoHost", _github.Host));

        // The variable the first run set answers 409 Already exists; the rerun updates it instead of failing.
        Assert.Contains("PATCH /repos/acme/streams/actions/variables/KAFKA_ENV", _github.Requests);
        Assert.Equal("production", _github.Repo("acme", "streams")!["emulator_variables"]!["KAFKA_ENV"]!.GetValue<string>());
        Assert.True(_github.BranchProtection("acme", "streams", "main")!["required_signatures"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_private_repository_on_the_free_plan_is_published_and_the_skipped_protection_is_a_warning()
    {
        _github.OnFreePlan("acme");

        var (_, log) = await PublishAsync("payments");

        Assert.Contains("README.md", await _github.Git.GitAsync("acme/payments.git", "ls-tree", "-r", "--name-only", "main"));
        Assert.Null(_github.BranchProtection("acme", "payments", "main"));
        var warning = Assert.Single(log.Entries, e => e.Level == ScaffoldLogLevel.Warning);
        Assert.Contains("branch protection was not enabled on main: GitHub needs a paid plan for it on private repositories", warning.Message);
    }

    [Fact]
    public void An_input_publish_github_does_not_have_is_refused_when_the_template_loads()
    {
        using var folder = new KafkaTemplates.Testing.TempFolder("github-template");
        folder.Write("template.yaml", """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata: { name: with-secrets, annotations: { kafka-templates.dev/version: 1.0.0 } }
            spec:
              owner: platform
              type: service
              steps:
                - id: publish
                  action: publish:github
                  input:
                    repoUrl: github.com?owner=acme&repo=payments
                    secrets: { A: b }
                    secret: { A: b }
            """);
        var engine = new KafkaTemplates.Engine.EngineServices(PublishingActions.Create(Settings()));

        var e = Assert.Throws<KafkaTemplates.Engine.Templates.TemplateLoadException>(() => engine.Loader.Load(folder.Path));

        // secrets is Backstage's input and loads; the misspelt one is named.
        Assert.Contains(e.Problems, p => p.Message.Contains("publish:github has no input 'secret'", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Problems, p => p.Message.Contains("input 'secrets'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_without_the_repo_scope_is_named_with_the_scope_it_needs()
    {
        _github.AddToken("ghp_publiconly", "public_repo");

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", Settings("ghp_publiconly")));

        Assert.Contains("lacks the scope 'repo'", e.Message);
        Assert.Contains("it has: public_repo", e.Message);
        Assert.DoesNotContain("ghp_publiconly", e.ToString());
        Assert.Null(_github.Repo("acme", "ledger"));
    }

    [Fact]
    public async Task A_bad_token_is_refused_with_the_variable_to_set()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", Settings("ghp_wrong")));

        Assert.Contains("refused the token", e.Message);
        Assert.Contains(PublishSettings.GitHubTokenVariable, e.Message);
        Assert.DoesNotContain("ghp_wrong", e.ToString());
    }

    [Fact]
    public async Task A_rate_limit_is_waited_out_and_the_repository_is_created_once()
    {
        _github.RateLimit(2);

        var (_, log) = await PublishAsync("search");

        Assert.Contains("rate-limits this token", PublishRun.Text(log));
        Assert.Single(_github.Requests, r => r == "POST /orgs/acme/repos");
        Assert.NotNull(_github.Repo("acme", "search"));
    }

    [Fact]
    public async Task A_host_that_keeps_failing_is_asked_again_then_named_and_nothing_is_created()
    {
        _github.Faults.Add(new HostFault("POST", "/orgs/acme/repos", 502, times: 10));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("audit"));

        Assert.Contains($"GitHub at {_github.Host} answered 502", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
        Assert.Equal(4, _github.Requests.Count(r => r == "POST /orgs/acme/repos"));
        Assert.Null(_github.Repo("acme", "audit"));
    }

    [Fact]
    public async Task A_host_that_is_down_is_named()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            PublishAsync("audit", Settings(api: $"http://127.0.0.1:{LoopbackServer.ClosedPort()}/")));

        Assert.Contains($"GitHub at {_github.Host} could not be reached", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
    }
}
