using System.Text.Json.Nodes;
using KafkaTemplates.Publishing.Hosts.GitHub;
using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>
/// What the GitHub client does with answers the emulated GitHub does not give: lists paged over the Link header, a
/// body that is not JSON or lacks a field GitHub always sends, a next page on another host, the secondary rate limit,
/// and the headers and API root every request has. A loopback server plays a GitHub that answers so.
/// </summary>
public sealed class GitHubClientTests
{
    private const string Token = "ghp_clienttest000000000000000000000000";

    private static PublishSettings Settings(LoopbackServer server) => PublishRun.Settings(
        (PublishSettings.GitHubHostVariable, server.HostAndPort), (PublishSettings.GitHubApiVariable, server.Address.AbsoluteUri),
        (PublishSettings.GitHubTokenVariable, Token));

    private static IUpgradeRequestHost Host(LoopbackServer server, List<string>? log = null) =>
        UpgradeRequestHosts.For(HostedRepo.Parse(new Uri(server.Address, "acme/payments").AbsoluteUri, Settings(server)), Settings(server).Retry, log is null ? null : log.Add);

    private static JsonObject Pull(int number, string branch) => new()
    {
        ["number"] = number,
        ["html_url"] = $"https://github.example/acme/payments/pull/{number}",
        ["draft"] = false,
        ["labels"] = new JsonArray(new JsonObject { ["name"] = "kafka-templates" }),
        ["head"] = new JsonObject { ["ref"] = branch, ["label"] = "acme:" + branch },
    };

    private static Task Json(HttpContext context, int status, JsonNode body) => JsonAnswers.WriteAsync(context, status, body);

    [Fact]
    public async Task The_open_pull_request_is_found_on_a_later_page_of_the_list()
    {
        var asked = new List<string>();
        LoopbackServer server = null!;
        server = await LoopbackServer.StartAsync(async context =>
        {
            lock (asked) asked.Add(context.Request.Path + context.Request.QueryString);
            if (context.Request.Query["page"] == "2")
            {
                await Json(context, 200, new JsonArray(Pull(7, "kafka-templates/x-1.0.0")));
                return;
            }
            // A host that ignores the head filter and pages its answer: the request of the branch is on page 2.
            context.Response.Headers["Link"] = $"<{new Uri(server.Address, "api/v3/repos/acme/payments/pulls")}?state=open&per_page=100&page=2>; rel=\"next\"";
            await Json(context, 200, new JsonArray([.. Enumerable.Range(10, 100).Select(n => (JsonNode)Pull(n, $"someone-else/{n}"))]));
        });
        await using var _ = server;

        var open = await Host(server).FindOpenAsync("kafka-templates/x-1.0.0", "main", CancellationToken.None);

        Assert.Equal(7, open?.Number);
        Assert.Equal(["kafka-templates"], open!.Labels);
        Assert.Equal(2, asked.Count);
        Assert.Equal("/api/v3/repos/acme/payments/pulls?state=open&head=acme%3Akafka-templates%2Fx-1.0.0&base=main&per_page=100", asked[0]);
        Assert.EndsWith("&page=2", asked[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_page_on_another_host_is_not_sent_the_token()
    {
        var tokens = new List<string>();
        await using var elsewhere = await LoopbackServer.StartAsync(async context =>
        {
            lock (tokens) tokens.Add(context.Request.Headers.Authorization.ToString());
            await Json(context, 200, new JsonArray());
        });
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.Headers["Link"] = $"<{new Uri(elsewhere.Address, "api/v3/repos/acme/payments/pulls")}?page=2>; rel=\"next\"";
            await Json(context, 200, new JsonArray());
        });

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).FindOpenAsync("kafka-templates/x-1.0.0", "main", CancellationToken.None));

        Assert.Contains($"GitHub at {server.HostAndPort} pointed to {elsewhere.Address.GetLeftPart(UriPartial.Authority)}, another host than its API's; the token is not sent there", e.Message, StringComparison.Ordinal);
        Assert.Empty(tokens);
    }

    [Fact]
    public async Task An_answer_that_is_not_json_names_GitHub_and_the_call()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Sign in to continue</body></html>");
        });

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).ReadAsync(CancellationToken.None));

        Assert.Equal($"GitHub at {server.HostAndPort} answered the call to read the repository acme/payments with 200 and a body that is not JSON ('<html><body>Sign in to continue</body></html>'); check that the API URL is the host's REST API", e.Message);
    }

    [Fact]
    public async Task An_answer_without_a_field_GitHub_always_sends_names_the_field_and_the_call()
    {
        await using var server = await LoopbackServer.StartAsync(context => Json(context, 200, new JsonObject { ["html_url"] = "https://github.example/acme/payments" }));

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).ReadAsync(CancellationToken.None));

        Assert.Equal($"GitHub at {server.HostAndPort} answered the call to read the repository acme/payments without 'clone_url' (an object); is the API URL a GitHub API?", e.Message);
    }

    [Fact]
    public async Task Every_request_carries_the_token_and_the_headers_GitHub_asks_for()
    {
        var headers = new List<Dictionary<string, string>>();
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            // Copied while the request lasts: the server reuses its header collections.
            lock (headers) headers.Add(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            return Json(context, 200, new JsonObject { ["clone_url"] = "https://github.example/acme/payments.git", ["html_url"] = "https://github.example/acme/payments", ["default_branch"] = "trunk" });
        });

        var info = await Host(server).ReadAsync(CancellationToken.None);

        Assert.Equal(("https://github.example/acme/payments.git", "trunk"), (info.CloneUrl.AbsoluteUri, info.DefaultBranch));
        var sent = Assert.Single(headers);
        Assert.Equal($"Bearer {Token}", sent["Authorization"]);
        Assert.Equal("application/vnd.github+json", sent["Accept"]);
        Assert.Equal(GitHubConnection.ApiVersion, sent["X-GitHub-Api-Version"]);
        Assert.StartsWith("kafka-templates", sent["User-Agent"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://api.github.com", "https://api.github.com/")]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://github.example.com", "https://github.example.com/api/v3/")]
    [InlineData("https://github.example.com/", "https://github.example.com/api/v3/")]
    [InlineData("https://github.example.com/api/v3", "https://github.example.com/api/v3/")]
    public void GitHub_Enterprise_serves_the_api_under_api_v3_and_github_com_at_its_api_host(string baseUrl, string root) =>
        Assert.Equal(root, GitHubConnection.ApiRoot(new Uri(baseUrl)).AbsoluteUri);

    [Fact]
    public async Task The_secondary_rate_limit_is_waited_out_as_Retry_After_asks()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = "1";
                await Json(context, 403, new JsonObject { ["message"] = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." });
                return;
            }
            await Json(context, 200, new JsonObject { ["clone_url"] = "https://github.example/acme/payments.git", ["html_url"] = "https://github.example/acme/payments", ["default_branch"] = "main" });
        });
        var log = new List<string>();

        var info = await Host(server, log).ReadAsync(CancellationToken.None);

        Assert.Equal("main", info.DefaultBranch);
        Assert.Equal(2, calls);
        Assert.Contains($"GitHub at {server.HostAndPort} asks to slow down (secondary rate limit); asking again in 1 s (attempt 2 of 4)", log);
    }

    [Fact]
    public async Task A_secondary_rate_limit_longer_than_the_longest_wait_fails_at_once()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref calls);
            context.Response.Headers.RetryAfter = "600";
            await Json(context, 403, new JsonObject { ["message"] = "You have exceeded a secondary rate limit." });
        });

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).ReadAsync(CancellationToken.None));

        Assert.Equal($"GitHub at {server.HostAndPort} asks to slow down (secondary rate limit) and asks to wait 600 s, longer than 60 s; try again later", e.Message);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task An_answer_larger_than_any_the_API_sends_is_refused_without_reading_it_whole()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            // No Content-Length: the client must count what it reads, not trust a header.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var chunk = new byte[1024 * 1024];
            Array.Fill(chunk, (byte)' ');
            await context.Response.Body.WriteAsync("["u8.ToArray());
            for (var i = 0; i < 17; i++) await context.Response.Body.WriteAsync(chunk);
            await context.Response.Body.WriteAsync("]"u8.ToArray());
        });

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).FindOpenAsync("kafka-templates/x-1.0.0", "main", CancellationToken.None));

        Assert.Contains("with more than 16 MiB", e.Message, StringComparison.Ordinal);
        Assert.Contains("list the open pull requests", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_page_that_points_back_at_itself_stops_at_the_page_limit()
    {
        var pages = 0;
        LoopbackServer server = null!;
        server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref pages);
            context.Response.Headers["Link"] = $"<{new Uri(server.Address, "api/v3/repos/acme/payments/pulls")}?state=open&per_page=100&page=2>; rel=\"next\"";
            await Json(context, 200, new JsonArray());
        });
        await using var _ = server;

        var e = await Assert.ThrowsAsync<PublishException>(() => Host(server).FindOpenAsync("kafka-templates/x-1.0.0", "main", CancellationToken.None));

        Assert.Contains("still had a next page after 100 pages", e.Message, StringComparison.Ordinal);
        Assert.Equal(GitHubConnection.MaxPages, pages);
    }
}
