namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>Cancelling, queueing and the concurrency bound, with a template that waits on the test's gate mid-run.</summary>
public sealed class TaskControlTests
{
    private const string SlowRef = "template:default/slow-demo";

    private static JsonObject Values(string name) => new() { ["name"] = name };

    [Fact]
    public async Task Cancelling_a_running_task_ends_it_as_cancelled_with_a_cancelled_event_and_no_repo()
    {
        var gate = new GateAction();
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, gate));
        var id = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("stopped"));
        await gate.Entered.WaitAsync(Calls.Guard);

        var (status, body) = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("cancelled", JsonShape.String(JsonShape.Object(body, "cancel answer"), "status"));
        var events = await Calls.EventsUntilCompletionAsync(server.Client, id);
        var cancelled = Assert.Single(events, e => e["type"]!.GetValue<string>() == "cancelled");
        Assert.Equal("wait", cancelled["body"]!["stepId"]!.GetValue<string>());
        Assert.Equal("cancelled", cancelled["body"]!["status"]!.GetValue<string>());
        Assert.Equal("Run completed with status: cancelled", events[^1]["body"]!["message"]!.GetValue<string>());
        Assert.Equal("cancelled", JsonShape.String(await Calls.TaskAsync(server.Client, id), "status"));
        var download = await Calls.GetAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}/download");
        Assert.Equal(HttpStatusCode.Conflict, download.Status);
        Assert.Contains("ended as cancelled", JsonShape.Error(download.Body, 409, "ConflictError"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "repos", id.ToString("D"))));
    }

    [Fact]
    public async Task Tasks_beyond_the_concurrency_bound_wait_their_turn_and_a_queued_one_cancels_at_once()
    {
        var gate = new GateAction();
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, gate) with { MaxConcurrentTasks = 1 });
        var first = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("first"));
        await gate.Entered.WaitAsync(Calls.Guard);
        var second = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("second"));
        var third = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("third"));

        Assert.Equal("processing", JsonShape.String(await Calls.TaskAsync(server.Client, first), "status"));
        Assert.Equal("open", JsonShape.String(await Calls.TaskAsync(server.Client, second), "status"));
        var download = await Calls.GetAsync(server.Client, $"/api/scaffolder/v2/tasks/{first:D}/download");
        Assert.Equal(HttpStatusCode.Conflict, download.Status);

        var cancel = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{third:D}/cancel", null);
        Assert.Equal("cancelled", cancel.Body!["status"]!.GetValue<string>());
        Assert.Equal("cancelled", JsonShape.String(await Calls.TaskAsync(server.Client, third), "status"));

        gate.Open();
        await Calls.EventsUntilCompletionAsync(server.Client, first);
        await Calls.EventsUntilCompletionAsync(server.Client, second);
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(server.Client, first), "status"));
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(server.Client, second), "status"));
        Assert.Equal("cancelled", JsonShape.String(await Calls.TaskAsync(server.Client, third), "status"));

        // Cancelling a finished task changes nothing and says how it ended.
        var late = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{first:D}/cancel", null);
        Assert.Equal("completed", late.Body!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_full_queue_refuses_new_tasks_with_503_until_it_drains()
    {
        var gate = new GateAction();
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, gate) with { MaxConcurrentTasks = 1, MaxQueuedTasks = 1 });
        var running = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("running"));
        await gate.Entered.WaitAsync(Calls.Guard);
        var queued = await Calls.CreateTaskAsync(server.Client, SlowRef, Values("queued"));

        var (status, body) = await Calls.PostAsync(server.Client, "/api/scaffolder/v2/tasks",
            new JsonObject { ["templateRef"] = SlowRef, ["values"] = Values("refused") });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("too many tasks", JsonShape.Error(body, 503, "ServiceUnavailableError"), StringComparison.Ordinal);
        gate.Open();
        await Calls.EventsUntilCompletionAsync(server.Client, running);
        await Calls.EventsUntilCompletionAsync(server.Client, queued);
        await Calls.CreateTaskAsync(server.Client, SlowRef, Values("accepted"));
    }
}
