using System.Xml.Linq;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>
/// What every task store promises, run against SQLite and a real PostgreSQL alike (the subclasses): the portal's
/// endpoints and runner see the same answers whichever store a portal uses, and claims hand each orphaned task to
/// exactly one replica.
/// </summary>
public abstract class TaskStoreContract
{
    /// <summary>A store on a database of this test's own; every call with the same <paramref name="database"/> opens the same one.</summary>
    private protected abstract Task<ITaskStore> OpenAsync(string database, TimeProvider clock, string replicaId);

    private protected abstract Task<string> NewDatabaseAsync();

    private protected sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 5, 1, 8, 40, 22, 383, TimeSpan.Zero);

    private static JsonObject Spec(string name) => new() { ["parameters"] = new JsonObject { ["name"] = name } };

    private static JsonObject Completion(string status) => new() { ["message"] = $"Run completed with status: {status}" };

    [Fact]
    public async Task A_task_starts_once_and_ends_once_with_one_completion_event()
    {
        var clock = new ManualClock(Start);
        using var store = await OpenAsync(await NewDatabaseAsync(), clock, "replica-a");
        var id = Guid.NewGuid();

        Assert.True(store.Ping());
        var created = store.Create(id, "demo", Spec("one"), "user:default/ada");
        Assert.Equal(("open", "2026-05-01T08:40:22.383Z", "user:default/ada"), (created.Status, created.CreatedAt, created.CreatedBy));
        Assert.True(store.TryStart(id));
        Assert.False(store.TryStart(id));
        store.AppendLog(id, new JsonObject { ["message"] = "step one", ["stepId"] = "one", ["status"] = "processing" });
        Assert.True(store.Finish(id, TaskStates.Completed, Completion("completed")));
        Assert.False(store.Finish(id, TaskStates.Failed, Completion("failed")));

        var task = store.Get(id)!;
        Assert.Equal("completed", task.Status);
        Assert.Equal("2026-05-01T08:40:22.383Z", task.LastHeartbeatAt);
        Assert.Equal("one", task.Spec["parameters"]!["name"]!.GetValue<string>());
        var events = store.Events(id);
        Assert.Equal(["log", "completion"], events.Select(e => e.Type));
        Assert.True(events[0].Id < events[1].Id);
        Assert.Equal(events[1].Id, Assert.Single(store.Events(id, events[0].Id)).Id);
        Assert.Null(store.Get(Guid.NewGuid()));
    }

    [Fact]
    public async Task A_queued_task_is_cancelled_only_while_open_and_the_cancelled_event_comes_before_the_completion()
    {
        using var store = await OpenAsync(await NewDatabaseAsync(), new ManualClock(Start), "replica-a");
        var queued = Guid.NewGuid();
        var running = Guid.NewGuid();
        store.Create(queued, "demo", Spec("q"));
        store.Create(running, "demo", Spec("r"));
        Assert.True(store.TryStart(running));

        Assert.True(store.Finish(queued, TaskStates.Cancelled, Completion("cancelled"), ("cancelled", new JsonObject { ["message"] = "cancelled" }), onlyIfOpen: true));
        Assert.False(store.Finish(running, TaskStates.Cancelled, Completion("cancelled"), onlyIfOpen: true));

        Assert.Equal(["cancelled", "completion"], store.Events(queued).Select(e => e.Type));
        Assert.Equal("processing", store.Get(running)!.Status);
        Assert.Empty(store.Events(running));
        Assert.Throws<ArgumentException>(() => store.Finish(running, TaskStates.Processing, Completion("x")));
    }

    [Fact]
    public async Task A_retried_task_reopens_once_and_a_reader_after_the_old_completion_sees_the_new_run_only()
    {
        using var store = await OpenAsync(await NewDatabaseAsync(), new ManualClock(Start), "replica-a");
        var id = Guid.NewGuid();
        store.Create(id, "demo", Spec("retry"));
        store.TryStart(id);
        store.Finish(id, TaskStates.Failed, Completion("failed"));
        var firstCompletion = store.Events(id)[^1].Id;

        Assert.True(store.Reopen(id, new JsonObject { ["recoverStrategy"] = "startOver" }));
        Assert.False(store.Reopen(id, new JsonObject()));
        var reopened = store.Get(id)!;
        Assert.Equal("open", reopened.Status);
        Assert.Null(reopened.LastHeartbeatAt);
        // Before the new run ends, the old completion is not repeated to a reader past it.
        Assert.Equal(["recovered"], store.Events(id, firstCompletion).Select(e => e.Type));
        Assert.True(store.TryStart(id));
        Assert.True(store.Finish(id, TaskStates.Completed, Completion("completed")));
        Assert.Equal(["recovered", "completion"], store.Events(id, firstCompletion).Select(e => e.Type));
    }

    [Fact]
    public async Task Lists_page_by_creation_time_then_id_and_filter_by_owner_and_status()
    {
        var clock = new ManualClock(Start);
        using var store = await OpenAsync(await NewDatabaseAsync(), clock, "replica-a");
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            // Pairs share a creation time, so the id breaks the tie.
            clock.Now = Start.AddSeconds(i / 2);
            var id = Guid.NewGuid();
            ids.Add(id);
            store.Create(id, "demo", Spec($"t{i}"), i % 2 == 0 ? "user:default/ada" : "user:default/bob");
        }
        store.TryStart(ids[0]);
        store.Finish(ids[0], TaskStates.Completed, Completion("completed"));
        var expected = ids.Select((id, i) => (Time: Start.AddSeconds(i / 2), Id: id.ToString("D")))
            .OrderBy(t => t.Time).ThenBy(t => t.Id, StringComparer.Ordinal).Select(t => Guid.Parse(t.Id)).ToList();

        var pages = new List<Guid>();
        for (var offset = 0; offset < 7; offset += 3)
        {
            var (page, total) = store.List(new TaskQuery(null, [], 3, offset, NewestFirst: false));
            Assert.Equal(7, total);
            pages.AddRange(page.Select(t => t.Id));
        }
        Assert.Equal(expected, pages);
        Assert.Equal(Enumerable.Reverse(expected), store.List(new TaskQuery(null, [], 10, 0, NewestFirst: true)).Tasks.Select(t => t.Id));

        var (ada, adaTotal) = store.List(new TaskQuery("user:default/ada", [], 10, 0, false));
        Assert.Equal(4, adaTotal);
        Assert.All(ada, t => Assert.Equal("user:default/ada", t.CreatedBy));
        var (open, openTotal) = store.List(new TaskQuery("user:default/ada", ["open", "processing"], 10, 0, false));
        Assert.Equal(3, openTotal);
        Assert.DoesNotContain(ids[0], open.Select(t => t.Id));
        Assert.Equal(0, store.List(new TaskQuery("user:default/nobody", [], 10, 0, false)).Total);
    }

    [Fact]
    public async Task A_task_whose_replica_stopped_beating_is_claimed_by_exactly_one_other_replica_and_held_tasks_stay_claimed()
    {
        var database = await NewDatabaseAsync();
        var clock = new ManualClock(Start);
        using var dead = await OpenAsync(database, clock, "replica-dead");
        using var alive = await OpenAsync(database, clock, "replica-alive");
        using var other = await OpenAsync(database, clock, "replica-other");
        var orphanRunning = Guid.NewGuid();
        var orphanQueued = Guid.NewGuid();
        var held = Guid.NewGuid();
        dead.Create(orphanRunning, "demo", Spec("a"));
        dead.TryStart(orphanRunning);
        dead.Create(orphanQueued, "demo", Spec("b"));
        alive.Create(held, "demo", Spec("c"));
        alive.TryStart(held);

        clock.Now = Start.AddSeconds(50);
        Assert.Equal(1, alive.Beat([held]));
        Assert.Equal(0, alive.Beat([orphanRunning]));
        Assert.Empty(other.ClaimOrphans(Start.AddSeconds(-1)));

        clock.Now = Start.AddSeconds(70);
        var claims = await Task.WhenAll(new[] { alive, other }.Select(s => Task.Run(() => s.ClaimOrphans(clock.Now.AddSeconds(-60)))));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(new[] { orphanQueued, orphanRunning }.Order(), all.Select(c => c.Id).Order());
        Assert.Equal("processing", all.Single(c => c.Id == orphanRunning).Status);
        Assert.Equal("open", all.Single(c => c.Id == orphanQueued).Status);
        // Claimed just now: nobody claims them again until their new claimer stops beating in turn.
        Assert.Empty(other.ClaimOrphans(clock.Now.AddSeconds(-60)));
        Assert.Empty(alive.ClaimOrphans(clock.Now.AddSeconds(-60)));
        Assert.Equal("processing", alive.Get(held)!.Status);
        // Had the dead replica only lost the database, it would now learn to stop the run it no longer owns.
        Assert.Equal([orphanRunning], dead.ToStop([orphanRunning, orphanQueued]));
        Assert.Empty(alive.ToStop([held]));
    }

    [Fact]
    public async Task Many_replicas_claiming_at_once_each_get_different_orphans_and_together_all_of_them()
    {
        var database = await NewDatabaseAsync();
        var clock = new ManualClock(Start);
        using var dead = await OpenAsync(database, clock, "replica-dead");
        var orphans = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in orphans)
        {
            dead.Create(id, "demo", Spec("x"));
            dead.TryStart(id);
        }
        clock.Now = Start.AddMinutes(5);
        var replicas = new List<ITaskStore>();
        for (var i = 0; i < 4; i++) replicas.Add(await OpenAsync(database, clock, $"replica-{i}"));
        try
        {
            var claims = await Task.WhenAll(replicas.Select(s => Task.Run(() => s.ClaimOrphans(clock.Now.AddSeconds(-60)))));
            var all = claims.SelectMany(c => c.Select(t => t.Id)).ToList();
            Assert.Equal(orphans.Order(), all.Order());
            Assert.Equal(all.Count, all.Distinct().Count());
        }
        finally
        {
            foreach (var replica in replicas) replica.Dispose();
        }
    }

    [Fact]
    public async Task A_cancel_asked_of_one_replica_reaches_the_replica_running_the_task_only_while_it_runs()
    {
        var database = await NewDatabaseAsync();
        var clock = new ManualClock(Start);
        using var runner = await OpenAsync(database, clock, "replica-runner");
        using var asked = await OpenAsync(database, clock, "replica-asked");
        var running = Guid.NewGuid();
        var queued = Guid.NewGuid();
        runner.Create(running, "demo", Spec("r"));
        runner.TryStart(running);
        runner.Create(queued, "demo", Spec("q"));
        Assert.Empty(runner.ToStop([running, queued]));

        Assert.True(asked.RequestCancel(running));
        Assert.False(asked.RequestCancel(queued));
        Assert.False(asked.RequestCancel(Guid.NewGuid()));

        Assert.Equal([running], runner.ToStop([running, queued]));
        Assert.Empty(runner.ToStop([queued]));
        runner.Finish(running, TaskStates.Cancelled, Completion("cancelled"));
        Assert.Empty(runner.ToStop([running]));
    }

    [Fact]
    public async Task A_repo_archive_is_kept_for_every_replica_and_removed_by_age()
    {
        var database = await NewDatabaseAsync();
        var clock = new ManualClock(Start);
        using var maker = await OpenAsync(database, clock, "replica-a");
        using var reader = await OpenAsync(database, clock, "replica-b");
        var old = Guid.NewGuid();
        var recent = Guid.NewGuid();
        maker.Create(old, "demo", Spec("old"));
        maker.SaveArchive(old, [1, 2, 3, 0, 255]);
        clock.Now = Start.AddDays(2);
        maker.Create(recent, "demo", Spec("recent"));
        maker.SaveArchive(recent, [9]);

        Assert.Equal(new byte[] { 1, 2, 3, 0, 255 }, reader.LoadArchive(old));
        Assert.Null(reader.LoadArchive(Guid.NewGuid()));
        Assert.Equal(1, reader.RemoveArchives(Start.AddDays(1)));
        Assert.Null(maker.LoadArchive(old));
        Assert.Equal(new byte[] { 9 }, maker.LoadArchive(recent));
    }

    [Fact]
    public async Task Reopening_a_database_keeps_its_tasks_and_applies_no_migration_twice()
    {
        var database = await NewDatabaseAsync();
        var id = Guid.NewGuid();
        using (var first = await OpenAsync(database, new ManualClock(Start), "replica-a")) first.Create(id, "demo", Spec("kept"));
        using var second = await OpenAsync(database, new ManualClock(Start), "replica-b");
        Assert.Equal("kept", second.Get(id)!.Spec["parameters"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_key_ring_keeps_every_element_in_order_and_a_store_opened_again_reads_them()
    {
        var database = await NewDatabaseAsync();
        using (var store = await OpenAsync(database, new ManualClock(Start), "replica-a"))
        {
            Assert.Empty(store.DataProtectionKeys());
            var repository = new StoreKeyRepository(store);
            repository.StoreElement(XElement.Parse("<key id=\"1\"><secret>one</secret></key>"), "key-1");
            repository.StoreElement(XElement.Parse("<key id=\"2\"><secret>two</secret></key>"), "key-2");
            repository.StoreElement(XElement.Parse("<revocation><key id=\"1\" /></revocation>"), "revocation-1");
        }

        using var reopened = await OpenAsync(database, new ManualClock(Start), "replica-b");
        Assert.Equal(
            ["<key id=\"1\"><secret>one</secret></key>", "<key id=\"2\"><secret>two</secret></key>", "<revocation><key id=\"1\" /></revocation>"],
            new StoreKeyRepository(reopened).GetAllElements().Select(e => e.ToString(SaveOptions.DisableFormatting)));
    }

    [Fact]
    public async Task Data_protected_through_one_store_is_unprotected_through_another_on_the_same_database()
    {
        var database = await NewDatabaseAsync();
        using var first = await OpenAsync(database, new ManualClock(Start), "replica-a");
        using var firstProvider = KeyRingServices(first);
        var protectedText = firstProvider.GetDataProtector("contract").Protect("signed in as ada");
        var keys = first.DataProtectionKeys();
        Assert.Contains("<key id=", Assert.Single(keys), StringComparison.Ordinal);

        using var second = await OpenAsync(database, new ManualClock(Start), "replica-b");
        using var secondProvider = KeyRingServices(second);
        Assert.Equal("signed in as ada", secondProvider.GetDataProtector("contract").Unprotect(protectedText));
        // The second found the first's key and made none of its own.
        Assert.Single(second.DataProtectionKeys());
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() =>
            secondProvider.GetDataProtector("another purpose").Unprotect(protectedText));
    }

    /// <summary>The framework's own Data Protection, configured as the portal configures it, on a store.</summary>
    private static ServiceProvider KeyRingServices(ITaskStore store)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName(PortalHost.DataProtectionApplication);
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new StoreKeyRepository(store));
        return services.BuildServiceProvider();
    }
}
