using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Tasks, events and created repos' archives in PostgreSQL, shared by every replica of the portal. Each call takes a
/// pooled connection; a call that meets a restarting or unreachable database tries again for
/// <see cref="ReconnectFor"/> before it fails, so a database restart under load loses nothing. Times are stored as
/// Backstage's ISO strings, as in SQLite, so both stores answer the same bytes.
/// </summary>
internal sealed class PostgresTaskStore : ITaskStore
{
    private static readonly TimeSpan ReconnectFor = TimeSpan.FromSeconds(60);

    /// <summary>At start a database that does not answer is a configuration error to report, not an outage to wait out.</summary>
    private static readonly TimeSpan ConnectAtStartFor = TimeSpan.FromSeconds(5);
    /// <summary>The advisory lock's key for the key ring's first load ("KTDP"), apart from the migrations' one.</summary>
    private const long KeyRingLock = 0x4B544450;
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _clock;
    /// <summary>When a call of this store last found the database away, in the store's clock's ticks (see <see cref="ClaimOrphans"/>).</summary>
    private long _lastConnectionLoss = DateTimeOffset.MinValue.UtcTicks;

    private PostgresTaskStore(NpgsqlDataSource source, string description, string replicaId, TimeProvider clock)
    {
        _source = source;
        _clock = clock;
        Description = description;
        ReplicaId = replicaId;
    }

    public string ReplicaId { get; }

    public string Description { get; }

    public bool IsShared => true;

    /// <summary>Connects and brings the schema up to date (once across replicas, see <see cref="PostgresSchema"/>).</summary>
    public static PostgresTaskStore Open(NpgsqlConnectionStringBuilder connection, string? replicaId = null, TimeProvider? clock = null)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection.ConnectionString) { ApplicationName = connection.ApplicationName ?? "kafka-templates" };
        var source = NpgsqlDataSource.Create(builder);
        var store = new PostgresTaskStore(source, PostgresConnection.Describe(builder), replicaId ?? Replicas.NewId(), clock ?? TimeProvider.System);
        try
        {
            store.Run(PostgresSchema.Migrate, ConnectAtStartFor);
            return store;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private string Now => Timestamps.Format(_clock.GetUtcNow());

    public bool Ping()
    {
        try
        {
            using var connection = _source.OpenConnection();
            using var command = new NpgsqlCommand("SELECT 1", connection);
            return command.ExecuteScalar() is not null;
        }
        catch (Exception e) when (IsConnectionLoss(e))
        {
            NoteConnectionLoss();
            return false;
        }
    }

    public TaskRecord Create(Guid id, string template, JsonObject spec, string? createdBy = null)
    {
        var now = Now;
        // The claim's beat is stamped when the row is written: a create that waited out a database restart must not
        // arrive with a beat as old as the wait, which another replica would take for a stopped one.
        Run(c => Execute(c, null, """
            INSERT INTO tasks (id, template, spec, status, created_at, created_by, replica_id, replica_beat_at)
            VALUES (@id, @template, @spec, @status, @now, @createdBy, @replica, @beat) ON CONFLICT (id) DO NOTHING
            """, ("id", id), ("template", template), ("spec", spec.ToJsonString()), ("status", TaskStates.Open), ("now", now), ("createdBy", createdBy),
            ("replica", ReplicaId), ("beat", Now)));
        return new TaskRecord(id, spec, TaskStates.Open, now, null, createdBy);
    }

    public bool TryStart(Guid id)
    {
        // One stamp for every attempt. A retry after a connection lost between the commit and its answer finds the task
        // started here at that very stamp, and says started: otherwise no worker would run it, and it would end as an orphan.
        var started = Now;
        var attempt = 0;
        return Run(c => Execute(c, null, $"""
            UPDATE tasks SET status = @processing, last_heartbeat_at = @started, replica_id = @replica, replica_beat_at = @beat
            WHERE id = @id AND (status = @open{(attempt++ > 0 ? " OR (status = @processing AND replica_id = @replica AND last_heartbeat_at = @started)" : "")})
            """, ("processing", TaskStates.Processing), ("started", started), ("beat", Now), ("id", id), ("open", TaskStates.Open), ("replica", ReplicaId)) == 1);
    }

    public TaskEventRecord AppendLog(Guid id, JsonObject body)
    {
        // One stamp for every attempt: a retry after a connection lost between the commit and its answer finds the line
        // it wrote and does not write it twice (a doubled "Starting up task" would read as a task run twice).
        var now = Now;
        var attempt = 0;
        return Run(c => attempt++ > 0 && Logged(c, id, body, now) is { } logged ? logged : AppendLog(c, id, body, now));
    }

    private static TaskEventRecord? Logged(NpgsqlConnection c, Guid id, JsonObject body, string now) =>
        Scalar(c, null, "SELECT MAX(id) FROM task_events WHERE task_id = @id AND event_type = @type AND created_at = @now AND body = @body",
            ("id", id), ("type", TaskEventType.Log), ("now", now), ("body", body.ToJsonString())) is long eventId
            ? new TaskEventRecord(eventId, id, (JsonObject)body.DeepClone(), TaskEventType.Log, now)
            : null;

    private static TaskEventRecord AppendLog(NpgsqlConnection c, Guid id, JsonObject body, string now)
    {
        using var transaction = c.BeginTransaction();
        var record = Insert(c, transaction, id, TaskEventType.Log, body, now);
        Execute(c, transaction, "UPDATE tasks SET last_heartbeat_at = @now WHERE id = @id AND status = @processing",
            ("now", now), ("id", id), ("processing", TaskStates.Processing));
        transaction.Commit();
        return record;
    }

    public bool Finish(Guid id, string status, JsonObject completion, (string Type, JsonObject Body)? before = null, bool onlyIfOpen = false)
    {
        if (!TaskStates.IsFinished(status)) throw new ArgumentException($"'{status}' is not a final status", nameof(status));
        return Run(c =>
        {
            using var transaction = c.BeginTransaction();
            var updated = Execute(c, transaction, "UPDATE tasks SET status = @status WHERE id = @id AND status IN (@open, @processing)",
                ("status", status), ("id", id), ("open", TaskStates.Open), ("processing", onlyIfOpen ? TaskStates.Open : TaskStates.Processing));
            if (updated != 1) return false;
            var now = Now;
            if (before is { } extra) Insert(c, transaction, id, extra.Type, extra.Body, now);
            Insert(c, transaction, id, TaskEventType.Completion, completion, now);
            transaction.Commit();
            return true;
        });
    }

    public bool Reopen(Guid id, JsonObject recovered) => Run(c =>
    {
        using var transaction = c.BeginTransaction();
        var now = Now;
        if (Execute(c, transaction, "UPDATE tasks SET status = @open, last_heartbeat_at = NULL, replica_id = @replica, replica_beat_at = @now WHERE id = @id AND status = @failed",
                ("open", TaskStates.Open), ("id", id), ("failed", TaskStates.Failed), ("replica", ReplicaId), ("now", now)) != 1) return false;
        Insert(c, transaction, id, TaskEventType.Recovered, recovered, now);
        transaction.Commit();
        return true;
    });

    public TaskRecord? Get(Guid id) => Run(c =>
    {
        using var command = Command(c, null, "SELECT id, spec, status, created_at, last_heartbeat_at, created_by FROM tasks WHERE id = @id", ("id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadTask(reader) : null;
    });

    public (IReadOnlyList<TaskRecord> Tasks, int Total) List(TaskQuery query)
    {
        var where = "WHERE (@createdBy::text IS NULL OR created_by = @createdBy)" + (query.Statuses.Count == 0 ? "" : " AND status = ANY(@statuses)");
        (string, object?)[] parameters = [("createdBy", query.CreatedBy), ("statuses", query.Statuses.ToArray())];
        var direction = query.NewestFirst ? "DESC" : "ASC";
        return Run(c =>
        {
            using var transaction = c.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            var total = Convert.ToInt32(Scalar(c, transaction, $"SELECT COUNT(*) FROM tasks {where}", parameters), System.Globalization.CultureInfo.InvariantCulture);
            using var command = Command(c, transaction,
                // COLLATE "C": ids compare byte by byte, as SQLite compares them, so both stores page alike.
                $"SELECT id, spec, status, created_at, last_heartbeat_at, created_by FROM tasks {where} ORDER BY created_at COLLATE \"C\" {direction}, id::text COLLATE \"C\" {direction} LIMIT @limit OFFSET @offset",
                [.. parameters, ("limit", query.Limit), ("offset", query.Offset)]);
            var tasks = new List<TaskRecord>();
            using (var reader = command.ExecuteReader())
                while (reader.Read()) tasks.Add(ReadTask(reader));
            transaction.Commit();
            return ((IReadOnlyList<TaskRecord>)tasks, total);
        });
    }

    public IReadOnlyList<TaskEventRecord> Events(Guid id, long? after = null) => Run(c =>
    {
        using var command = Command(c, null, """
            SELECT id, event_type, body, created_at FROM task_events
            WHERE task_id = @id AND (@after::bigint IS NULL OR id > @after::bigint OR (event_type = @completion AND id > (
              SELECT COALESCE(MAX(id), 0) FROM task_events WHERE task_id = @id AND event_type = @recovered)))
            ORDER BY id
            """, ("id", id), ("after", after), ("completion", TaskEventType.Completion), ("recovered", TaskEventType.Recovered));
        using var reader = command.ExecuteReader();
        var events = new List<TaskEventRecord>();
        while (reader.Read())
            events.Add(new TaskEventRecord(reader.GetInt64(0), id, (JsonObject)JsonNode.Parse(reader.GetString(2))!, reader.GetString(1), reader.GetString(3)));
        return (IReadOnlyList<TaskEventRecord>)events;
    });

    public int Beat(IReadOnlyCollection<Guid> held) => held.Count == 0 ? 0 : Run(c => Execute(c, null,
        "UPDATE tasks SET replica_beat_at = @now WHERE id = ANY(@ids) AND replica_id = @replica AND status IN (@open, @processing)",
        ("now", Now), ("ids", held.ToArray()), ("replica", ReplicaId), ("open", TaskStates.Open), ("processing", TaskStates.Processing)));

    public IReadOnlyList<(Guid Id, string Status)> ClaimOrphans(DateTimeOffset staleBefore) => Run(c =>
    {
        // While the database was away every replica's beats failed alike, so a silence then says nothing of a replica.
        // Checked here, after any reconnect of this very call: the others get a whole claim timeout with the database
        // back to renew their claims before any of their tasks is taken for an orphan.
        if (new DateTimeOffset(Interlocked.Read(ref _lastConnectionLoss), TimeSpan.Zero) >= staleBefore) return [];
        using var transaction = c.BeginTransaction();
        var tasks = new List<(Guid, string)>();
        // SKIP LOCKED: a task another replica is claiming right now is its to end; this one takes the rest.
        using (var command = Command(c, transaction, """
            SELECT id, status FROM tasks WHERE status IN (@open, @processing) AND (replica_beat_at IS NULL OR replica_beat_at < @stale)
            ORDER BY created_at, id FOR UPDATE SKIP LOCKED
            """, ("open", TaskStates.Open), ("processing", TaskStates.Processing), ("stale", Timestamps.Format(staleBefore))))
        using (var reader = command.ExecuteReader())
            while (reader.Read()) tasks.Add((reader.GetGuid(0), reader.GetString(1)));
        if (tasks.Count > 0)
            Execute(c, transaction, "UPDATE tasks SET replica_id = @replica, replica_beat_at = @now WHERE id = ANY(@ids)",
                ("replica", ReplicaId), ("now", Now), ("ids", tasks.Select(t => t.Item1).ToArray()));
        transaction.Commit();
        return (IReadOnlyList<(Guid, string)>)tasks;
    });

    public bool RequestCancel(Guid id) => Run(c => Execute(c, null,
        "UPDATE tasks SET cancel_requested = true WHERE id = @id AND status = @processing", ("id", id), ("processing", TaskStates.Processing)) == 1);

    public IReadOnlyList<Guid> ToStop(IReadOnlyCollection<Guid> held) => held.Count == 0 ? [] : Run(c =>
    {
        using var command = Command(c, null,
            "SELECT id FROM tasks WHERE id = ANY(@ids) AND status = @processing AND (cancel_requested OR replica_id IS DISTINCT FROM @replica)",
            ("ids", held.ToArray()), ("processing", TaskStates.Processing), ("replica", ReplicaId));
        using var reader = command.ExecuteReader();
        var ids = new List<Guid>();
        while (reader.Read()) ids.Add(reader.GetGuid(0));
        return (IReadOnlyList<Guid>)ids;
    });

    public void SaveArchive(Guid id, byte[] zip) => Run(c => Execute(c, null,
        "INSERT INTO repo_archives (task_id, zip, created_at) VALUES (@id, @zip, @now) ON CONFLICT (task_id) DO UPDATE SET zip = excluded.zip",
        ("id", id), ("zip", zip), ("now", Now)));

    public byte[]? LoadArchive(Guid id) => Run(c => Scalar(c, null, "SELECT zip FROM repo_archives WHERE task_id = @id", ("id", id)) as byte[]);

    public int RemoveArchives(DateTimeOffset before) =>
        Run(c => Execute(c, null, "DELETE FROM repo_archives WHERE created_at < @before", ("before", Timestamps.Format(before))));

    public IReadOnlyList<string> DataProtectionKeys() => Run(c =>
    {
        using var command = Command(c, null, "SELECT xml FROM data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read()) keys.Add(reader.GetString(0));
        return (IReadOnlyList<string>)keys;
    });

    public void SaveDataProtectionKey(string? friendlyName, string xml) => Run(c => Execute(c, null,
        "INSERT INTO data_protection_keys (friendly_name, xml) VALUES (@name, @xml)", ("name", friendlyName), ("xml", xml)));

    /// <summary>A session advisory lock held on a connection of its own while the work uses others; released on any end.</summary>
    public void WithKeyRingLock(Action work) => Run(c =>
    {
        Execute(c, null, $"SELECT pg_advisory_lock({KeyRingLock})");
        try
        {
            work();
        }
        finally
        {
            Execute(c, null, $"SELECT pg_advisory_unlock({KeyRingLock})");
        }
        return 0;
    }, ConnectAtStartFor);

    private static TaskRecord ReadTask(NpgsqlDataReader reader) =>
        new(reader.GetGuid(0), (JsonObject)JsonNode.Parse(reader.GetString(1))!, reader.GetString(2), reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5));

    private static TaskEventRecord Insert(NpgsqlConnection c, NpgsqlTransaction transaction, Guid id, string type, JsonObject body, string now)
    {
        var eventId = (long)Scalar(c, transaction, "INSERT INTO task_events (task_id, event_type, body, created_at) VALUES (@id, @type, @body, @now) RETURNING id",
            ("id", id), ("type", type), ("body", body.ToJsonString()), ("now", now))!;
        return new TaskEventRecord(eventId, id, (JsonObject)body.DeepClone(), type, now);
    }

    /// <summary>
    /// Runs one unit of work on a pooled connection, again on a fresh one when the database was unreachable or
    /// restarting (the work's transaction then rolled back, so it runs whole or not at all).
    /// </summary>
    private T Run<T>(Func<NpgsqlConnection, T> work, TimeSpan? reconnectFor = null)
    {
        // Real time, not the store's clock (which tests set by hand).
        var deadline = DateTimeOffset.UtcNow + (reconnectFor ?? ReconnectFor);
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                using var connection = _source.OpenConnection();
                return work(connection);
            }
            catch (Exception e) when (IsConnectionLoss(e) && NoteConnectionLoss() && DateTimeOffset.UtcNow < deadline)
            {
                // A pooled connection the restart broke is discarded with the exception; the next one is fresh.
                NpgsqlConnection.ClearAllPools();
                Thread.Sleep(pause);
                pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 1000));
            }
        }
    }

    /// <summary>Records that the database was away now; true, so it can sit in an exception filter.</summary>
    private bool NoteConnectionLoss()
    {
        Interlocked.Exchange(ref _lastConnectionLoss, _clock.GetUtcNow().UtcTicks);
        return true;
    }

    private static bool IsConnectionLoss(Exception e) => e switch
    {
        // 57P01-57P03: the server is shutting down or starting; class 08: the connection failed.
        PostgresException p => p.SqlState.StartsWith("57P", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.IsTransient || n.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException,
        _ => false,
    };

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
                string[] texts => new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts },
                _ => new NpgsqlParameter(name, value),
            });
        return command;
    }

    private static int Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar();
    }

    public void Dispose() => _source.Dispose();
}
