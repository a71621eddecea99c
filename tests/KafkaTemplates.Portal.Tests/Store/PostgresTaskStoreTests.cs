using KafkaTemplates.Portal.Tasks;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>The store contract on a real PostgreSQL 15 the fixture starts; a database per test.</summary>
[Collection(SharedPostgres.Name)]
public sealed class PostgresTaskStoreTests(PostgresFixture postgres) : TaskStoreContract
{
    private protected override Task<string> NewDatabaseAsync() => postgres.NewDatabaseAsync("store");

    private protected override Task<ITaskStore> OpenAsync(string database, TimeProvider clock, string replicaId) =>
        Task.FromResult<ITaskStore>(PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database)), replicaId, clock));

    [Fact]
    public async Task Replicas_starting_at_once_migrate_the_schema_exactly_once_and_record_its_version()
    {
        var database = await postgres.NewDatabaseAsync("migrate");
        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            Task.Run(() => PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database)), $"replica-{i}"))));
        foreach (var store in stores) store.Dispose();

        // Each version recorded once: as many rows as migrations.
        Assert.Equal($"{PostgresSchema.Latest}|{PostgresSchema.Latest}", await postgres.Server.QueryAsync(database, "SELECT MAX(version), COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_database_of_the_previous_schema_gains_the_key_ring_table_and_keeps_its_tasks()
    {
        var database = await postgres.NewDatabaseAsync("upgrade");
        var id = Guid.NewGuid();
        using (var store = PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database))))
            store.Create(id, "demo", new JsonObject());
        // As the portal before the key ring left it: schema 1, no data_protection_keys.
        await postgres.Server.QueryAsync(database, "DROP TABLE data_protection_keys; DELETE FROM schema_version WHERE version > 1");

        using var upgraded = PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database)));
        upgraded.SaveDataProtectionKey("key-1", "<key id=\"1\" />");

        Assert.Equal(["<key id=\"1\" />"], upgraded.DataProtectionKeys());
        Assert.NotNull(upgraded.Get(id));
        Assert.Equal($"{PostgresSchema.Latest}|{PostgresSchema.Latest}", await postgres.Server.QueryAsync(database, "SELECT MAX(version), COUNT(*) FROM schema_version"));
    }

    [Fact]
    public async Task A_replica_silent_while_the_database_was_away_keeps_its_tasks_until_a_claim_timeout_passed_with_the_database_back()
    {
        // A server of its own: stopping the shared one would stop the other tests' databases.
        await using var server = await PostgresServer.StartAsync();
        await server.CreateDatabaseAsync("outage");
        var start = new DateTimeOffset(2026, 5, 1, 8, 40, 22, TimeSpan.Zero);
        var clock = new ManualClock(start);
        var claimTimeout = TimeSpan.FromSeconds(4);
        using var runner = PostgresTaskStore.Open(PostgresConnection.Parse(server.Url("outage")), "runner", clock);
        using var other = PostgresTaskStore.Open(PostgresConnection.Parse(server.Url("outage")), "other", clock);
        var id = Guid.NewGuid();
        runner.Create(id, "demo", new JsonObject());
        Assert.True(runner.TryStart(id));

        // The database is away for longer than the claim timeout: nobody beats, and the other replica finds it away.
        await server.StopAsync();
        clock.Now = start + claimTimeout * 2;
        Assert.False(other.Ping());
        await server.StartAgainAsync();

        Assert.Empty(other.ClaimOrphans(clock.Now - claimTimeout));
        Assert.Equal("processing", other.Get(id)!.Status);

        // A runner that stays silent for a whole claim timeout with the database back has stopped.
        clock.Now += claimTimeout + TimeSpan.FromSeconds(1);
        Assert.Equal([(id, "processing")], other.ClaimOrphans(clock.Now - claimTimeout));
    }

    [Fact]
    public async Task A_start_and_a_log_line_retried_over_a_dropped_connection_happen_once()
    {
        var database = await postgres.NewDatabaseAsync("dropped");
        var start = new DateTimeOffset(2026, 5, 1, 8, 40, 22, TimeSpan.Zero);
        var clock = new ManualClock(start - TimeSpan.FromMinutes(5));
        using var dead = PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database)), "dead", clock);
        var orphan = Guid.NewGuid();
        dead.Create(orphan, "demo", new JsonObject());
        clock.Now = start;
        using var store = PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database)), "runner", clock);
        var id = Guid.NewGuid();
        store.Create(id, "demo", new JsonObject());

        // Every pooled connection dies, as in a restart: the next call fails once and is retried on a fresh one.
        async Task DropConnectionsAsync() => await postgres.Server.QueryAsync(database,
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        await DropConnectionsAsync();
        Assert.True(store.TryStart(id));
        await DropConnectionsAsync();
        store.AppendLog(id, new JsonObject { ["message"] = "Starting up task with 1 steps" });

        // The store did meet the dropped connection: it claims not even a long-silent task yet.
        Assert.Empty(store.ClaimOrphans(start - TimeSpan.FromSeconds(4)));
        Assert.False(store.TryStart(id));
        Assert.Equal("processing", store.Get(id)!.Status);
        Assert.Equal(["Starting up task with 1 steps"], store.Events(id).Select(e => e.Body["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_database_written_by_a_newer_portal_is_refused_with_its_schema_version()
    {
        var database = await postgres.NewDatabaseAsync("newer");
        PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database))).Dispose();
        await postgres.Server.QueryAsync(database, "INSERT INTO schema_version (version) VALUES (99)");

        var error = Assert.Throws<InvalidOperationException>(() => PostgresTaskStore.Open(PostgresConnection.Parse(postgres.Server.Url(database))));
        Assert.Contains("newer kafka-templates (schema 99", error.Message, StringComparison.Ordinal);
    }
}

/// <summary>Test classes that share the one PostgreSQL server the fixture starts.</summary>
[CollectionDefinition(Name)]
public sealed class SharedPostgres : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
