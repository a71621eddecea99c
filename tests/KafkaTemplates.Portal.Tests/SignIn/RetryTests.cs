namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// <c>POST /v2/tasks/{id}/retry</c>: a failed task runs again from its failed step and completes; a task whose run
/// reached a step acting outside its files, or that did not fail, is not recoverable, and the answer says why.
/// </summary>
public sealed class RetryTests
{
    [Fact]
    public async Task A_failed_task_runs_again_from_its_failed_step_and_completes()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var id = await Calls.CreateTaskAsync(alice, OrganisationPortal.FlakyRef, OrganisationPortal.Values("retried"));
        var first = await Calls.EventsUntilCompletionAsync(alice, id);
        Assert.Equal("failed", (await Calls.TaskAsync(alice, id))["status"]!.GetValue<string>());
        Assert.Contains(first, e => e["body"]?["stepId"]?.GetValue<string>() == "flaky" && e["body"]?["status"]?.GetValue<string>() == "failed");

        portal.Flaky.Heal();
        var (status, body) = await Calls.PostAsync(alice, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());

        Assert.True(status == HttpStatusCode.Created, $"expected 201, got {(int)status}: {body?.ToJsonString()}");
        Assert.Equal(id.ToString("D"), body!["id"]!.GetValue<string>());
        var lastFirst = first[^1]["id"]!.GetValue<long>();
        var second = await EventsAfterAsync(alice, id, lastFirst);
        var recovered = Assert.Single(second, e => e["type"]!.GetValue<string>() == "recovered");
        Assert.Equal("startOver", recovered["body"]!["recoverStrategy"]!.GetValue<string>());
        Assert.Contains("from step flaky", recovered["body"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("completion", second[^1]["type"]!.GetValue<string>());
        Assert.Equal("completed", (await Calls.TaskAsync(alice, id))["status"]!.GetValue<string>());
        Assert.Equal(2, portal.Flaky.Runs);
        using (var download = await alice.GetAsync($"/api/scaffolder/v2/tasks/{id:D}/download")) Assert.Equal(HttpStatusCode.OK, download.StatusCode);

        // Done now: a second retry is refused with the reason.
        var (again, againBody) = await Calls.PostAsync(alice, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("only a failed task can be retried", JsonShape.Error(againBody, 409, "ConflictError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_whose_run_acted_outside_its_files_is_not_retried_and_the_answer_names_the_step()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var id = await Calls.CreateTaskAsync(alice, OrganisationPortal.RemoteRef, OrganisationPortal.Values("pushed"));
        await Calls.EventsUntilCompletionAsync(alice, id);
        portal.Flaky.Heal();

        var (status, body) = await Calls.PostAsync(alice, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("step 'remote' (publish:test) ran before the failure", JsonShape.Error(body, 409, "ConflictError"), StringComparison.Ordinal);
        Assert.Equal(1, portal.Remote.Runs);
        Assert.Equal("failed", (await Calls.TaskAsync(alice, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_with_secret_answers_is_retried_only_when_the_secrets_are_sent_again()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var id = await Calls.CreateTaskAsync(alice, "template:default/vault-demo", OrganisationPortal.Values("vaulted"), new JsonObject { ["apiToken"] = "tok-first" });
        var first = await Calls.EventsUntilCompletionAsync(alice, id);
        portal.Flaky.Heal();

        var (without, withoutBody) = await Calls.PostAsync(alice, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());
        var (with, _) = await Calls.PostAsync(alice, $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject { ["secrets"] = new JsonObject { ["apiToken"] = "tok-again" } });

        Assert.Equal(HttpStatusCode.BadRequest, without);
        Assert.Contains("send apiToken again in 'secrets'", JsonShape.Error(withoutBody, 400, "InputError"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, with);
        Assert.Equal("completion", (await EventsAfterAsync(alice, id, first[^1]["id"]!.GetValue<long>()))[^1]["type"]!.GetValue<string>());
        Assert.Equal("completed", (await Calls.TaskAsync(alice, id))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_tasks_owner_with_a_run_role_may_retry_it()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var id = await Calls.CreateTaskAsync(alice, OrganisationPortal.FlakyRef, OrganisationPortal.Values("mine"));
        await Calls.EventsUntilCompletionAsync(alice, id);

        foreach (var other in new[] { OrganisationPortal.Bob, OrganisationPortal.Admin })
        {
            var (status, _) = await Calls.PostAsync(await portal.AsAsync(other), $"/api/scaffolder/v2/tasks/{id:D}/retry", new JsonObject());
            Assert.Equal(HttpStatusCode.Forbidden, status);
        }
    }

    [Fact]
    public async Task Without_sign_in_the_one_user_retries_a_failed_task()
    {
        var flaky = new FlakyAction();
        var engine = new KafkaTemplates.Engine.EngineServices(new KafkaTemplates.Engine.Actions.ActionRegistry(
            KafkaTemplates.Engine.Actions.ActionRegistry.CreateDefault().All.Append(flaky)));
        await using var server = await PortalServer.StartAsync(options => options with
        {
            Engine = engine,
            Catalog = new KafkaTemplates.Engine.Templates.TemplateCatalog(OrganisationPortal.AccessTemplates, engine.Loader),
            ValidateRepos = false,
        });
        var id = await Calls.CreateTaskAsync(server.Client, OrganisationPortal.FlakyRef, OrganisationPortal.Values("local"));
        var first = await Calls.EventsUntilCompletionAsync(server.Client, id);
        flaky.Heal();

        var (status, _) = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}/retry", null);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("completion", (await EventsAfterAsync(server.Client, id, first[^1]["id"]!.GetValue<long>()))[^1]["type"]!.GetValue<string>());
        var task = await Calls.TaskAsync(server.Client, id);
        Assert.Equal("completed", task["status"]!.GetValue<string>());
        Assert.Null(task["createdBy"]);
    }

    private static async Task<List<JsonObject>> EventsAfterAsync(HttpClient client, Guid id, long after)
    {
        using var guard = new CancellationTokenSource(Calls.Guard);
        var events = new List<JsonObject>();
        while (true)
        {
            guard.Token.ThrowIfCancellationRequested();
            var (status, body) = await Calls.GetAsync(client, $"/api/scaffolder/v2/tasks/{id:D}/events?after={after}");
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var e in JsonShape.Array(body, "events").Select(e => JsonShape.Object(e, "event")))
            {
                events.Add(e);
                if (e["type"]!.GetValue<string>() == "completion") return events;
                after = e["id"]!.GetValue<long>();
            }
        }
    }
}
