using KafkaTemplates.Portal.Tests.SignIn;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>
/// <c>POST /api/kafka-templates/upgrade-pull-requests</c>: the fleet upgrade of <c>upgrade --pull-request</c> as a task,
/// with the portal's own tokens, against an emulated GitHub and GitLab with real git; each repository a step of the
/// task's events. Sign-in: only a role with <c>upgrade-repos</c> may use the portal's tokens this way.
/// </summary>
public sealed class UpgradePullRequestTests
{
    private const string Endpoint = "/api/kafka-templates/upgrade-pull-requests";
    private const string Branch = "kafka-templates/hypertrace-kafka-1.1.0";

    [Fact]
    public async Task Runs_the_fleet_as_a_task_with_a_step_per_repository_and_keeps_no_token()
    {
        using var temp = new TempFolder("portal-fleet");
        await using var github = (await GitHubEmulator.StartAsync()).AddOrganization("acme");
        await using var gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("platform");
        var templates = await TaggedTemplates.CreateAsync(temp.Combine("templates-git"));
        await github.SeedRepoAsync("acme", "payments", await TaggedTemplates.TeamRepoAsync(templates, temp.Combine("behind"), "v1.0.0"));
        await github.SeedRepoAsync("acme", "current", await TaggedTemplates.TeamRepoAsync(templates, temp.Combine("current"), "v1.1.0"));
        await gitlab.SeedProjectAsync("platform/orders", await TaggedTemplates.TeamRepoAsync(templates, temp.Combine("conflicting"), "v1.0.0",
            repo => TaggedTemplates.Replace(Path.Combine(repo, "helm", "values.yaml"), TaggedTemplates.ShutdownLine, "  terminationGracePeriodSeconds: 150")));
        var settings = PublishSettings.FromEnvironment(new Dictionary<string, string>
        {
            [PublishSettings.GitHubHostVariable] = github.Host,
            [PublishSettings.GitHubApiVariable] = github.Address.AbsoluteUri,
            [PublishSettings.GitHubTokenVariable] = GitHubEmulator.Token,
            [PublishSettings.GitLabHostVariable] = gitlab.Host,
            [PublishSettings.GitLabApiVariable] = gitlab.ApiUrl.AbsoluteUri,
            [PublishSettings.GitLabTokenVariable] = GitLabEmulator.Token,
            [PublishSettings.RetryDelayVariable] = "5",
        });
        await using var server = await PortalServer.StartAsync(options => options with { Publishing = settings, ValidateRepos = false });
        string[] repos = [
            new Uri(github.Address, "acme/payments").AbsoluteUri, $"{github.Host}?owner=acme&repo=current",
            new Uri(gitlab.Address, "platform/orders").AbsoluteUri, new Uri(gitlab.Address, "platform/missing").AbsoluteUri];

        var (bad, badBody) = await Calls.PostAsync(server.Client, Endpoint, new JsonObject { ["repos"] = new JsonArray("https://elsewhere.example.com/acme/payments") });
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("the host 'elsewhere.example.com', which is neither the configured GitHub host", JsonShape.Error(badBody, 400, "InputError"), StringComparison.Ordinal);

        var (status, created) = await Calls.PostAsync(server.Client, Endpoint, new JsonObject
        {
            ["repos"] = new JsonArray([.. repos.Select(r => (JsonNode?)r)]),
            ["parallel"] = 2,
        });
        Assert.True(status == HttpStatusCode.Created, $"{(int)status} {created?.ToJsonString()}");
        var id = Guid.Parse(created!["id"]!.GetValue<string>());
        var events = await Calls.EventsUntilCompletionAsync(server.Client, id);

        // One step per repository, each ending completed or failed with its line.
        string Final(string step) => events.Last(e => e["body"]?["stepId"]?.GetValue<string>() == step && e["body"]?["status"] is not null)["body"]!["status"]!.GetValue<string>();
        string Lines(string step) => string.Join("\n", events.Where(e => e["body"]?["stepId"]?.GetValue<string>() == step).Select(e => e["body"]!["message"]!.GetValue<string>()));
        Assert.Equal(["completed", "completed", "completed", "failed"], new[] { "repo-1", "repo-2", "repo-3", "repo-4" }.Select(Final));
        Assert.Contains($"{github.Host}/acme/payments: opened", Lines("repo-1"), StringComparison.Ordinal);
        Assert.Contains("is up to date", Lines("repo-2"), StringComparison.Ordinal);
        Assert.Contains("needs a person: conflicts in helm/values.yaml", Lines("repo-3"), StringComparison.Ordinal);
        Assert.Contains($"GitLab at {gitlab.Host} has no project platform/missing", Lines("repo-4"), StringComparison.Ordinal);

        var completion = events[^1]["body"]!.AsObject();
        Assert.Contains("1 of 4 repositories failed", completion["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var rows = completion["output"]!["repos"]!.AsArray();
        Assert.Equal(["opened", "up to date", "opened", "failed"], rows.Select(r => r!["status"]!.GetValue<string>()));
        var pull = Assert.Single(github.PullRequests("acme", "payments"));
        Assert.Equal(pull["html_url"]!.GetValue<string>(), rows[0]!["request"]!.GetValue<string>());
        Assert.Contains("- `helm/values.yaml`", pull["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("terminationGracePeriodSeconds: 180", await github.Git.GitAsync("acme/payments.git", "show", $"{Branch}:helm/values.yaml"), StringComparison.Ordinal);
        Assert.Empty(github.PullRequests("acme", "current"));
        var merge = Assert.Single(gitlab.MergeRequests("platform/orders"));
        Assert.True(merge["draft"]!.GetValue<bool>());
        Assert.Contains("<<<<<<< local (your repo)", await gitlab.Git.GitAsync("platform/orders.git", "show", $"{Branch}:helm/values.yaml"), StringComparison.Ordinal);

        var (_, task) = await Calls.GetAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}");
        Assert.Equal("failed", task!["status"]!.GetValue<string>());
        Assert.Equal($"{github.Host}/acme/current", task["spec"]!["steps"]![1]!["name"]!.GetValue<string>());
        var (retry, retryBody) = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());
        Assert.Equal(HttpStatusCode.Conflict, retry);
        Assert.Contains("send the same request again", retryBody!.ToJsonString(), StringComparison.Ordinal);

        // Tokens live in the portal's configuration only: not in the store, the events or the logs.
        var stored = Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories).Select(Contents).OfType<string>().ToList();
        Assert.Contains(stored, text => text.Contains(Branch, StringComparison.Ordinal));
        foreach (var token in new[] { GitHubEmulator.Token, GitLabEmulator.Token })
        {
            Assert.DoesNotContain(stored, text => text.Contains(token, StringComparison.Ordinal));
            Assert.DoesNotContain(token, string.Join("\n", events.Select(e => e.ToJsonString())), StringComparison.Ordinal);
            Assert.DoesNotContain(token, string.Join("\n", server.Logs.Lines), StringComparison.Ordinal);
        }
    }

    /// <summary>A file's bytes as text, or null for the lock file the running portal holds.</summary>
    private static string? Contents(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return System.Text.Encoding.Latin1.GetString(copy.ToArray());
        }
        catch (IOException)
        {
            return null;
        }
    }

    [Fact]
    public async Task With_sign_in_only_a_role_with_upgrade_repos_may_use_the_portals_tokens()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var admin = await portal.AsAsync(OrganisationPortal.Admin);
        var body = new JsonObject { ["repos"] = new JsonArray("https://github.com/acme/payments") };

        var (refused, answer) = await Calls.PostAsync(alice, Endpoint, body);
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal("not allowed", JsonShape.Error(answer, 403, "NotAllowedError"));

        // platform may: its request gets as far as the input check, where the portal names the token it lacks.
        var (checkedStatus, checkedAnswer) = await Calls.PostAsync(admin, Endpoint, body);
        Assert.Equal(HttpStatusCode.BadRequest, checkedStatus);
        Assert.Contains("no token for GitHub at github.com: set GITHUB_TOKEN", JsonShape.Error(checkedAnswer, 400, "InputError"), StringComparison.Ordinal);
        Assert.Empty(await AccessTests.ListAsync(admin, "/api/scaffolder/v2/tasks"));
    }
}
