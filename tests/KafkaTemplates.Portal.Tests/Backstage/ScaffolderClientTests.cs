using KafkaTemplates.Portal.Tests.SignIn;

namespace KafkaTemplates.Portal.Tests.Backstage;

/// <summary>
/// Backstage's own client, <c>ScaffolderClient</c> from @backstage/plugin-scaffolder-common, run by node against a
/// portal with sign-in on, with a token from the real OpenID provider: every one of its methods gets the answer
/// Backstage's scaffolder backend gives.
/// </summary>
public sealed class ScaffolderClientTests
{
    [Fact]
    public async Task Every_method_of_backstages_scaffolder_client_works_against_the_portal()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var failed = await Calls.CreateTaskAsync(alice, OrganisationPortal.FlakyRef, OrganisationPortal.Values("first-try"));
        await Calls.EventsUntilCompletionAsync(alice, failed);
        var othersTask = await Calls.CreateTaskAsync(await portal.AsAsync(OrganisationPortal.Admin), OrganisationPortal.FlakyRef, OrganisationPortal.Values("admins"));
        portal.Flaky.Heal();

        var report = await RunAsync(portal, new JsonObject
        {
            ["token"] = await portal.Provider.TokenAsync(OrganisationPortal.Alice, OrganisationPortal.Audience),
            ["userEntityRef"] = "user:default/alice",
            ["templateRef"] = OrganisationPortal.FlakyRef,
            ["values"] = OrganisationPortal.Values("dry"),
            ["failedTaskId"] = failed.ToString("D"),
        });

        Assert.Equal("Flaky demo", report["getTemplateParameterSchema"]!["title"]!.GetValue<string>());
        Assert.Contains(report["listActions"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "test:flaky");
        var filters = report["listTemplatingExtensions"]!["filters"]!.AsObject();
        Assert.Equal(["parseEntityRef", "parseRepoUrl", "pick", "projectSlug"], filters.Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Empty(report["listTemplatingExtensions"]!["globals"]!["functions"]!.AsObject());
        Assert.Equal("github.com", report["getIntegrationsList"]!["integrations"]![0]!["host"]!.GetValue<string>());
        Assert.Contains(report["dryRun"]!["directoryContents"]!.AsArray(), f => f!["path"]!.GetValue<string>() == "README.md");

        var taskId = report["scaffold"]!["taskId"]!.GetValue<string>();
        foreach (var stream in new[] { "streamLogs", "streamLogsPolling" })
        {
            var events = report[stream]!.AsArray();
            Assert.Equal("completion", events[^1]!["type"]!.GetValue<string>());
            Assert.Contains(events, e => e!["body"]?["stepId"]?.GetValue<string>() == "flaky");
        }
        Assert.Equal("completed", report["getTask"]!["status"]!.GetValue<string>());
        Assert.Equal("user:default/alice", report["getTask"]!["createdBy"]!.GetValue<string>());
        var owned = report["listTasksOwned"]!["tasks"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { taskId, failed.ToString("D") }.Order(), owned.Order());
        // Alice may not see everyone's tasks: "all" is her own as well, admin's task is not among them.
        Assert.DoesNotContain(report["listTasksAll"]!["tasks"]!.AsArray(), t => t!["id"]!.GetValue<string>() == othersTask.ToString("D"));
        Assert.Equal("completed", report["cancelTask"]!["status"]!.GetValue<string>());

        Assert.Equal(failed.ToString("D"), report["retry"]!["id"]!.GetValue<string>());
        var retryLogs = report["retryLogs"]!.AsArray();
        Assert.Equal("recovered", retryLogs[0]!["type"]!.GetValue<string>());
        Assert.Equal("completion", retryLogs[^1]!["type"]!.GetValue<string>());
        Assert.Equal("completed", report["retriedTask"]!["status"]!.GetValue<string>());

        Assert.Equal(400, report["autocomplete"]!["statusCode"]!.GetValue<int>());
        Assert.Equal("ResponseError", report["autocomplete"]!["name"]!.GetValue<string>());
        Assert.Equal(404, report["getTaskOfNobody"]!["statusCode"]!.GetValue<int>());
    }

    private static async Task<JsonObject> RunAsync(OrganisationPortal portal, JsonObject input)
    {
        var tools = RepoRoot.Combine(".tools", "backstage");
        if (!File.Exists(Path.Combine(tools, "node_modules", "@backstage", "plugin-scaffolder-common", "package.json")))
            throw new InvalidOperationException("@backstage/plugin-scaffolder-common is not installed in .tools/backstage. Run ./test.sh (or scripts/install-test-tools.sh), which installs it.");
        using var work = new TempFolder("scaffolder-client");
        input["toolsFolder"] = tools;
        input["baseUrl"] = portal.Address.ToString().TrimEnd('/');
        var inputFile = work.Write("input.json", input.ToJsonString());
        var script = RepoRoot.Combine("tests", "KafkaTemplates.Portal.Tests", "Backstage", "scaffolder-client.mjs");
        var result = await ProcessRunner.RunAsync(Tool.Find("node"), [script, inputFile], timeout: Calls.Guard);
        Assert.True(result.ExitCode == 0, $"node failed ({result.ExitCode}): {result.StandardError}");
        return JsonNode.Parse(result.StandardOutput)!.AsObject();
    }
}
