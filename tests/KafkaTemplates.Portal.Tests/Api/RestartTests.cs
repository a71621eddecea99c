using KafkaTemplates.Portal.Tasks;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>Tasks survive a restart: none is lost, and one that was running ends as failed with the reason.</summary>
public sealed class RestartTests
{
    private const string StoppedWhileRunning = "the server stopped while the task ran";

    [Fact]
    public async Task A_task_running_when_the_server_stops_is_failed_with_the_reason_after_a_restart()
    {
        using var data = new TempFolder("restart");
        var gate = new GateAction();
        Guid running;
        Guid finished;
        await using (var first = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, gate), data.Path))
        {
            finished = await Calls.CreateTaskAsync(first.Client, "template:default/secret-demo", new JsonObject { ["name"] = "kept" });
            await Calls.EventsUntilCompletionAsync(first.Client, finished);
            running = await Calls.CreateTaskAsync(first.Client, "template:default/slow-demo", new JsonObject { ["name"] = "interrupted" });
            await gate.Entered.WaitAsync(Calls.Guard);
            await first.Host.StopAsync();
        }

        await using var second = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction()), data.Path);

        Assert.Equal(0, second.Host.RecoveredTasks); // the stopping server ended the task itself
        var task = await Calls.TaskAsync(second.Client, running);
        Assert.Equal("failed", JsonShape.String(task, "status"));
        var events = await Calls.EventsUntilCompletionAsync(second.Client, running);
        Assert.Equal(StoppedWhileRunning, events[^1]["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.Contains(events, e => e["body"]!["stepId"]?.GetValue<string>() == "wait" && e["body"]!["status"]?.GetValue<string>() == "failed");
        // The finished task and its repo are still there.
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(second.Client, finished), "status"));
        var download = await second.Client.GetAsync($"/api/scaffolder/v2/tasks/{finished:D}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task Tasks_a_crashed_server_left_running_or_queued_are_failed_with_the_reason_at_the_next_start()
    {
        using var data = new TempFolder("crash");
        var running = Guid.NewGuid();
        var queued = Guid.NewGuid();
        // What a killed server leaves: rows still processing (with a step in progress) and open, and a partial repo.
        Directory.CreateDirectory(Path.Combine(data.Path, "repos", running.ToString("D")));
        using (var store = SqliteTaskStore.Open(Path.Combine(data.Path, "portal.db")))
        {
            store.Create(running, "slow-demo", new JsonObject { ["parameters"] = new JsonObject { ["name"] = "crashed" } });
            Assert.True(store.TryStart(running));
            store.AppendLog(running, new JsonObject { ["message"] = "beginning step 'Wait'", ["stepId"] = "wait", ["status"] = "processing" });
            store.Create(queued, "slow-demo", new JsonObject { ["parameters"] = new JsonObject { ["name"] = "waiting" } });
        }

        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction()), data.Path);

        Assert.Equal(2, server.Host.RecoveredTasks);
        Assert.Equal("failed", JsonShape.String(await Calls.TaskAsync(server.Client, running), "status"));
        var events = await Calls.EventsUntilCompletionAsync(server.Client, running);
        Assert.Equal(StoppedWhileRunning, events[^1]["body"]!["error"]!["message"]!.GetValue<string>());
        Assert.Contains(events, e => e["body"]!["stepId"]?.GetValue<string>() == "wait" && e["body"]!["status"]?.GetValue<string>() == "failed");
        Assert.False(Directory.Exists(Path.Combine(data.Path, "repos", running.ToString("D"))));
        var queuedEvents = await Calls.EventsUntilCompletionAsync(server.Client, queued);
        Assert.StartsWith("the server stopped before the task ran", queuedEvents[^1]["body"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_server_cannot_share_a_data_folder()
    {
        await using var first = await PortalServer.StartAsync();

        var refused = await Assert.ThrowsAsync<KafkaTemplates.Portal.Hosting.PortalConfigurationException>(() => PortalServer.StartAsync(dataDirectory: first.DataDirectory));

        Assert.Contains("in use by another kafka-templates serve", refused.Message, StringComparison.Ordinal);
    }
}
