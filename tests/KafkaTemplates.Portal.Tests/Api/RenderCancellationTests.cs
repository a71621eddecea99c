using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>
/// A render that is running stops when its task is cancelled, when its dry run's client goes away, or when it runs
/// out of its time budget; its slot is freed and later work goes on. The costly-demo fixture renders for as long as
/// its answers make it.
/// </summary>
public sealed class RenderCancellationTests
{
    private const string CostlyRef = "template:default/costly-demo";

    // Every pass backtracks through about four million steps; 9,000 passes would render for many minutes.
    private static JsonObject Costly(string name) => new() { ["name"] = name, ["text"] = new string('a', 22) + "!", ["rounds"] = 9000 };

    private static JsonObject Cheap(string name) => new() { ["name"] = name };

    // So long that only cancellation, not a time limit, can end a costly render within the test's guard, however
    // slow the machine is.
    private static readonly RenderLimits Patient = new() { MaxRunTime = TimeSpan.FromHours(1), RegexTimeout = TimeSpan.FromHours(1) };

    private static async Task<string> StatusAsync(PortalServer server, Guid id) => JsonShape.String(await Calls.TaskAsync(server.Client, id), "status");

    private static async Task<JsonObject> DryRunRequestAsync(PortalServer server, JsonObject values) => new()
    {
        ["template"] = (await Calls.GetAsync(server.Client, "/api/catalog/entities/by-name/template/default/costly-demo")).Body,
        ["values"] = values,
        ["secrets"] = new JsonObject(),
        ["directoryContents"] = new JsonArray(),
    };

    [Fact]
    public async Task Cancelled_tasks_stop_their_running_renders_free_their_slots_and_the_queue_moves_on()
    {
        var reached = new ReachedAction();
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction(), reached, Patient) with { MaxConcurrentTasks = 2 });
        var first = await Calls.CreateTaskAsync(server.Client, CostlyRef, Costly("first"));
        var second = await Calls.CreateTaskAsync(server.Client, CostlyRef, Costly("second"));
        await reached.Reached(2).WaitAsync(Calls.Guard);
        var later = await Calls.CreateTaskAsync(server.Client, CostlyRef, Cheap("later"));
        Assert.Equal("open", await StatusAsync(server, later));

        foreach (var id in new[] { first, second })
        {
            var (status, body) = await Calls.PostAsync(server.Client, $"/api/scaffolder/v2/tasks/{id:D}/cancel", null);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("cancelled", JsonShape.String(JsonShape.Object(body, "cancel answer"), "status"));
        }

        foreach (var id in new[] { first, second })
        {
            var events = await Calls.EventsUntilCompletionAsync(server.Client, id);
            Assert.Equal("Run completed with status: cancelled", events[^1]["body"]!["message"]!.GetValue<string>());
            Assert.Equal("cancelled", await StatusAsync(server, id));
            Assert.False(Directory.Exists(Path.Combine(server.DataDirectory, "repos", id.ToString("D"))));
        }
        await Calls.EventsUntilCompletionAsync(server.Client, later);
        Assert.Equal("completed", await StatusAsync(server, later));
    }

    [Fact]
    public async Task Dry_runs_whose_clients_went_away_stop_rendering_so_later_dry_runs_get_their_slots()
    {
        var reached = new ReachedAction();
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction(), reached, Patient) with { MaxConcurrentDryRuns = 4 });
        using var leave = new CancellationTokenSource();
        var hung = new List<Task>();
        for (var i = 0; i < 4; i++)
        {
            var request = await DryRunRequestAsync(server, Costly($"hung{i}"));
            hung.Add(server.Client.PostAsync("/api/scaffolder/v2/dry-run",
                new StringContent(request.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), leave.Token));
        }
        // All four hold a slot and are rendering: a fifth can only run when one of them stops.
        await reached.Reached(4).WaitAsync(Calls.Guard);
        var later = Calls.PostAsync(server.Client, "/api/scaffolder/v2/dry-run", await DryRunRequestAsync(server, Cheap("later")));

        await leave.CancelAsync();
        foreach (var request in hung) await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        var (status, body) = await later.WaitAsync(Calls.Guard);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(JsonShape.Object(body, "dry-run result")["directoryContents"]!.AsArray(), f => f!["path"]!.GetValue<string>() == "work.txt");
    }

    [Fact]
    public async Task A_render_past_its_time_budget_is_a_400_naming_the_limit_and_a_failed_task()
    {
        var limits = new RenderLimits { MaxRunTime = TimeSpan.FromSeconds(1), RegexTimeout = TimeSpan.FromHours(1) };
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction(), limits: limits));

        var (status, body) = await Calls.PostAsync(server.Client, "/api/scaffolder/v2/dry-run", await DryRunRequestAsync(server, Costly("slow")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("ran longer than 1s, the time limit for one render", JsonShape.Error(body, 400, "InputError"), StringComparison.Ordinal);

        var id = await Calls.CreateTaskAsync(server.Client, CostlyRef, Costly("slow-task"));
        var events = await Calls.EventsUntilCompletionAsync(server.Client, id);
        Assert.Equal("failed", await StatusAsync(server, id));
        Assert.True(events[^1].ToJsonString().Contains("the time limit for one render", StringComparison.Ordinal), string.Join("\n", events.Select(e => e.ToJsonString())));
    }
}
