using KafkaTemplates.Testing.Hosts;
using Xunit.Abstractions;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>
/// Two and three real <c>kafka-templates serve</c> processes on one PostgreSQL database, as an organisation runs the
/// portal: tasks submitted to any replica complete exactly once and their events and downloads come from any replica;
/// a replica killed with SIGKILL mid-task has its tasks ended as failed with the reason by another; a database restart
/// under load loses and duplicates nothing. Each scenario counts its tasks in the database itself.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class ReplicaTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const string TemplateRef = "template:default/replica-demo";

    private static JsonObject Cheap(string name) => new() { ["name"] = name };

    // About 2^18 backtracking steps a pass, thousands of passes: seconds of render, so a kill surely lands mid-task.
    private static JsonObject Slow(string name) => new() { ["name"] = name, ["text"] = new string('a', 18) + "!", ["rounds"] = 9000 };

    private sealed record Audit(int Tasks, int Completed, int Failed, int Unfinished, int WithoutOneCompletion, int RunTwice)
    {
        public override string ToString() =>
            $"{Tasks} tasks: {Completed} completed, {Failed} failed, {Unfinished} unfinished; {WithoutOneCompletion} without exactly one completion event, {RunTwice} run twice";
    }

    /// <summary>Counts in the database, behind the portals' backs: tasks by status, completion events, and runs.</summary>
    private async Task<Audit> AuditAsync(string database)
    {
        async Task<int> Count(string sql) => int.Parse(await postgres.Server.QueryAsync(database, sql), System.Globalization.CultureInfo.InvariantCulture);
        return new Audit(
            await Count("SELECT COUNT(*) FROM tasks"),
            await Count("SELECT COUNT(*) FROM tasks WHERE status = 'completed'"),
            await Count("SELECT COUNT(*) FROM tasks WHERE status = 'failed'"),
            await Count("SELECT COUNT(*) FROM tasks WHERE status IN ('open', 'processing')"),
            await Count("""
                SELECT COUNT(*) FROM (SELECT t.id FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id AND e.event_type = 'completion'
                GROUP BY t.id HAVING COUNT(e.id) <> 1) x
                """),
            // Every run logs "Starting up task" once, first.
            await Count("""
                SELECT COUNT(*) FROM (SELECT task_id FROM task_events WHERE body LIKE '%Starting up task%' GROUP BY task_id HAVING COUNT(*) > 1) x
                """));
    }

    private static async Task<List<(Guid Id, ServeProcess Replica)>> SubmitAsync(IReadOnlyList<ServeProcess> replicas, int count, string prefix)
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var replica = replicas[i % replicas.Count];
            return (await Calls.CreateTaskAsync(replica.Client, TemplateRef, Cheap($"{prefix}-{i}")), replica);
        }));
        return [.. submitted];
    }

    /// <summary>Reads every task's events up to its completion from another replica than the one that took it, when there is one.</summary>
    private static async Task<List<string>> FinalStatusesAsync(IReadOnlyList<ServeProcess> replicas, IEnumerable<(Guid Id, ServeProcess Replica)> tasks) =>
    [
        .. await Task.WhenAll(tasks.Select(async (task, i) =>
        {
            var others = replicas.Where(r => r != task.Replica).ToList();
            var reader = others.Count == 0 ? task.Replica : others[i % others.Count];
            await Calls.EventsUntilCompletionAsync(reader.Client, task.Id);
            return JsonShape.String(await Calls.TaskAsync(reader.Client, task.Id), "status");
        })),
    ];

    private static async Task<List<ServeProcess>> StartReplicasAsync(string url, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => ServeProcess.StartAsync(url)))];

    private static async Task StopAsync(IEnumerable<ServeProcess> replicas)
    {
        foreach (var replica in replicas) await replica.DisposeAsync();
    }

    [Theory]
    [InlineData(2, 24)]
    [InlineData(3, 30)]
    public async Task Tasks_submitted_to_any_replica_all_complete_exactly_once_and_any_replica_streams_and_serves_them(int replicaCount, int taskCount)
    {
        var database = await postgres.NewDatabaseAsync($"replicas{replicaCount}");
        var replicas = await StartReplicasAsync(postgres.Server.Url(database), replicaCount);
        try
        {
            var tasks = await SubmitAsync(replicas, taskCount, "team");
            var statuses = await FinalStatusesAsync(replicas, tasks);
            Assert.All(statuses, s => Assert.Equal("completed", s));

            // The repo made by one replica downloads from another: the archive is in the database.
            var (id, maker) = tasks[0];
            using var download = await replicas.First(r => r != maker).Client.GetAsync($"/api/scaffolder/v2/tasks/{id:D}/download");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            using var zip = new System.IO.Compression.ZipArchive(await download.Content.ReadAsStreamAsync());
            var work = zip.GetEntry("team-0/work.txt");
            Assert.NotNull(work);
            using (var text = new StreamReader(work.Open())) Assert.Equal("team-0", (await text.ReadToEndAsync()).Split('\n')[0]);

            var audit = await AuditAsync(database);
            output.WriteLine($"{replicaCount} replicas: {audit}");
            Assert.Equal(new Audit(taskCount, taskCount, 0, 0, 0, 0), audit);
        }
        finally
        {
            await StopAsync(replicas);
        }
    }

    [Fact]
    public async Task A_replica_killed_mid_task_has_its_tasks_ended_by_another_as_failed_with_the_reason_and_none_runs_twice()
    {
        var database = await postgres.NewDatabaseAsync("killed");
        var replicas = await StartReplicasAsync(postgres.Server.Url(database), 2);
        var (victim, survivor) = (replicas[0], replicas[1]);
        try
        {
            // The victim runs two slow tasks (its two slots) and has two more queued behind them.
            var running = new[] { await Calls.CreateTaskAsync(victim.Client, TemplateRef, Slow("slow-a")), await Calls.CreateTaskAsync(victim.Client, TemplateRef, Slow("slow-b")) };
            var queued = new[] { await Calls.CreateTaskAsync(victim.Client, TemplateRef, Cheap("queued-a")), await Calls.CreateTaskAsync(victim.Client, TemplateRef, Cheap("queued-b")) };
            var elsewhere = await SubmitAsync([survivor], 6, "survivor");
            using (var guard = new CancellationTokenSource(Calls.Guard))
                foreach (var id in running)
                    while (JsonShape.String(await Calls.TaskAsync(survivor.Client, id), "status") != "processing") await Task.Delay(50, guard.Token);
            Assert.Equal("open", JsonShape.String(await Calls.TaskAsync(survivor.Client, queued[0]), "status"));

            await victim.KillAsync();

            foreach (var id in running)
            {
                var completion = (await Calls.EventsUntilCompletionAsync(survivor.Client, id))[^1];
                Assert.Contains("the portal replica that ran the task stopped (no heartbeat for 4 s)", completion["body"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            }
            foreach (var id in queued)
            {
                var completion = (await Calls.EventsUntilCompletionAsync(survivor.Client, id))[^1];
                Assert.Contains("the server stopped before the task ran", completion["body"]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            }
            Assert.All(await FinalStatusesAsync([survivor], elsewhere), s => Assert.Equal("completed", s));

            var audit = await AuditAsync(database);
            output.WriteLine($"kill -9 of one of 2 replicas: {audit}");
            Assert.Equal(new Audit(10, 6, 4, 0, 0, 0), audit);
        }
        finally
        {
            await StopAsync(replicas);
        }
    }

    [Fact]
    public async Task A_task_running_on_one_replica_is_cancelled_through_another()
    {
        var database = await postgres.NewDatabaseAsync("cancel");
        var replicas = await StartReplicasAsync(postgres.Server.Url(database), 2);
        var (runner, asked) = (replicas[0], replicas[1]);
        try
        {
            var id = await Calls.CreateTaskAsync(runner.Client, TemplateRef, Slow("cancelled"));
            using (var guard = new CancellationTokenSource(Calls.Guard))
                while (JsonShape.String(await Calls.TaskAsync(asked.Client, id), "status") != "processing") await Task.Delay(50, guard.Token);

            var (status, body) = await Calls.PostAsync(asked.Client, $"/api/scaffolder/v2/tasks/{id:D}/cancel", null);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("cancelled", JsonShape.String(JsonShape.Object(body, "cancel answer"), "status"));
            var events = await Calls.EventsUntilCompletionAsync(asked.Client, id);
            Assert.Equal("Run completed with status: cancelled", events[^1]["body"]!["message"]!.GetValue<string>());
            Assert.Equal("cancelled", JsonShape.String(await Calls.TaskAsync(runner.Client, id), "status"));
        }
        finally
        {
            await StopAsync(replicas);
        }
    }

    [Fact]
    public async Task Readiness_says_unavailable_at_once_while_the_database_is_away_and_ok_when_it_is_back()
    {
        // A server of its own: stopping the shared one would stop the other tests' databases.
        await using var server = await PostgresServer.StartAsync();
        await server.CreateDatabaseAsync("ready");
        await using var replica = await ServeProcess.StartAsync(server.Url("ready"));

        await server.StopAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var away = await replica.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, away.StatusCode);
            Assert.Equal("unavailable", JsonNode.Parse(await away.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        }
        // Not the 60 s a task's call would wait for the database to come back.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"readiness took {clock.Elapsed}");

        await server.StartAgainAsync();
        using var guard = new CancellationTokenSource(Calls.Guard);
        while (true)
        {
            using var back = await replica.Client.GetAsync("/readyz", guard.Token);
            if (back.StatusCode == HttpStatusCode.OK) break;
            await Task.Delay(100, guard.Token);
        }
        var id = await Calls.CreateTaskAsync(replica.Client, TemplateRef, Cheap("after-outage"));
        await Calls.EventsUntilCompletionAsync(replica.Client, id);
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(replica.Client, id), "status"));
    }

    [Fact]
    public async Task A_database_restart_under_load_loses_and_duplicates_no_task()
    {
        var database = await postgres.NewDatabaseAsync("restart");
        var replicas = await StartReplicasAsync(postgres.Server.Url(database), 2);
        try
        {
            var started = await postgres.Server.QueryAsync(database, "SELECT pg_postmaster_start_time()");
            var before = await SubmitAsync(replicas, 12, "before");
            // Submitted while the database goes down and comes back: these wait in the replicas until it answers.
            var during = SubmitAsync(replicas, 12, "during");
            // Away for longer than the replicas' claim timeout (4 s), as a restart on a loaded machine can be: no beat
            // reaches the store meanwhile, and that silence must not pass for a stopped replica.
            await postgres.Server.StopAsync();
            await Task.Delay(TimeSpan.FromSeconds(6));
            await postgres.Server.StartAgainAsync();
            var after = await SubmitAsync(replicas, 12, "after");
            var all = before.Concat(await during).Concat(after).ToList();
            Assert.NotEqual(started, await postgres.Server.QueryAsync(database, "SELECT pg_postmaster_start_time()"));

            var statuses = await FinalStatusesAsync(replicas, all);
            var audit = await AuditAsync(database);
            output.WriteLine($"database restart under load, 2 replicas: {audit}");
            // A task that did not complete says why: its completion event's error, as the replica recorded it.
            var unfinished = await postgres.Server.QueryAsync(database, """
                SELECT COALESCE(string_agg(t.id || ' ' || t.status || ': ' || COALESCE(e.body, 'no completion event'), E'\n' ORDER BY t.created_at), '')
                FROM tasks t LEFT JOIN task_events e ON e.task_id = t.id AND e.event_type = 'completion' WHERE t.status <> 'completed'
                """);
            Assert.True(statuses.All(s => s == "completed") && audit == new Audit(36, 36, 0, 0, 0, 0), $"{audit}\n{unfinished}");
        }
        finally
        {
            await StopAsync(replicas);
        }
    }
}
