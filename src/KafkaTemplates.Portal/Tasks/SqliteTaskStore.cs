using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Tasks and their events in SQLite, in Backstage's model: a task row (spec, status, times) and an append-only event
/// list that ends with one completion event. Nothing here ever holds a secret: specs carry only the non-secret
/// answers, and event bodies are masked before they arrive. One connection, used under a lock: SQLite writes one
/// transaction at a time anyway, and every statement here is a few microseconds. The data folder's lock keeps it to
/// one process, so its claims only matter at start: every unfinished task then belongs to a stopped process.
/// </summary>
internal sealed class SqliteTaskStore : ITaskStore
{
    private const int SchemaVersion = 3;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly TimeProvider _clock;

    private SqliteTaskStore(SqliteConnection connection, string path, string replicaId, TimeProvider clock)
    {
        _connection = connection;
        _clock = clock;
        Description = path;
        ReplicaId = replicaId;
    }

    public string ReplicaId { get; }

    public string Description { get; }

    public bool IsShared => false;

    public static SqliteTaskStore Open(string databasePath, string? replicaId = null, TimeProvider? clock = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Closing must release the file, so a restarted portal (or a test) can open it again at once.
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            var store = new SqliteTaskStore(connection, databasePath, replicaId ?? Replicas.NewId(), clock ?? TimeProvider.System);
            store.Migrate();
            return store;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate()
    {
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
        var version = Convert.ToInt32(Scalar("PRAGMA user_version;"), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
            throw new InvalidOperationException($"the task database was written by a newer kafka-templates (schema {version}); upgrade the tool or use another data folder");
        Execute("""
            CREATE TABLE IF NOT EXISTS tasks (
              id TEXT PRIMARY KEY NOT NULL,
              template TEXT NOT NULL,
              spec TEXT NOT NULL,
              status TEXT NOT NULL,
              created_at TEXT NOT NULL,
              last_heartbeat_at TEXT,
              created_by TEXT
            );
            CREATE TABLE IF NOT EXISTS task_events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              task_id TEXT NOT NULL REFERENCES tasks(id),
              event_type TEXT NOT NULL,
              body TEXT NOT NULL,
              created_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS task_events_by_task ON task_events(task_id, id);
            """);
        if (version < 2)
        {
            using var transaction = _connection.BeginTransaction();
            Execute("""
                ALTER TABLE tasks ADD COLUMN replica_id TEXT;
                ALTER TABLE tasks ADD COLUMN replica_beat_at TEXT;
                ALTER TABLE tasks ADD COLUMN cancel_requested INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE repo_archives (
                  task_id TEXT PRIMARY KEY NOT NULL REFERENCES tasks(id),
                  zip BLOB NOT NULL,
                  created_at TEXT NOT NULL
                );
                PRAGMA user_version = 2;
                """);
            transaction.Commit();
        }
        if (version < 3)
        {
            using var transaction = _connection.BeginTransaction();
            Execute("""
                CREATE TABLE data_protection_keys (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  friendly_name TEXT,
                  xml TEXT NOT NULL
                );
                PRAGMA user_version = 3;
                """);
            transaction.Commit();
        }
    }

    private string Now => Timestamps.Format(_clock.GetUtcNow());

    public bool Ping()
    {
        lock (_gate) return Scalar("SELECT 1") is not null;
    }

    public TaskRecord Create(Guid id, string template, JsonObject spec, string? createdBy = null)
    {
        lock (_gate)
        {
            var now = Now;
            Execute("INSERT INTO tasks (id, template, spec, status, created_at, created_by, replica_id, replica_beat_at) VALUES ($id, $template, $spec, $status, $now, $createdBy, $replica, $now)",
                ("$id", Key(id)), ("$template", template), ("$spec", spec.ToJsonString()), ("$status", TaskStates.Open), ("$now", now), ("$createdBy", createdBy), ("$replica", ReplicaId));
            return new TaskRecord(id, spec, TaskStates.Open, now, null, createdBy);
        }
    }

    /// <summary>Moves a task from open to processing; false when it is no longer open (cancelled while queued).</summary>
    public bool TryStart(Guid id)
    {
        lock (_gate)
        {
            return Execute("UPDATE tasks SET status = $processing, last_heartbeat_at = $now, replica_id = $replica, replica_beat_at = $now WHERE id = $id AND status = $open",
                ("$processing", TaskStates.Processing), ("$now", Now), ("$id", Key(id)), ("$open", TaskStates.Open), ("$replica", ReplicaId)) == 1;
        }
    }

    public TaskEventRecord AppendLog(Guid id, JsonObject body)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var now = Now;
            var record = Insert(id, TaskEventType.Log, body, now);
            // Each line is a sign of life, as Backstage's heartbeat is.
            Execute("UPDATE tasks SET last_heartbeat_at = $now WHERE id = $id AND status = $processing",
                ("$now", now), ("$id", Key(id)), ("$processing", TaskStates.Processing));
            transaction.Commit();
            return record;
        }
    }

    /// <summary>
    /// Ends a task that has not ended yet: its final status, an optional event before the completion (the cancelled
    /// event), and the completion event. False, and nothing written, when the task had already ended (or, with
    /// <paramref name="onlyIfOpen"/>, had already started: a running task ends through its runner).
    /// </summary>
    public bool Finish(Guid id, string status, JsonObject completion, (string Type, JsonObject Body)? before = null, bool onlyIfOpen = false)
    {
        if (!TaskStates.IsFinished(status)) throw new ArgumentException($"'{status}' is not a final status", nameof(status));
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var updated = Execute("UPDATE tasks SET status = $status WHERE id = $id AND status IN ($open, $processing)",
                ("$status", status), ("$id", Key(id)), ("$open", TaskStates.Open), ("$processing", onlyIfOpen ? TaskStates.Open : TaskStates.Processing));
            if (updated != 1) return false;
            var now = Now;
            if (before is { } extra) Insert(id, extra.Type, extra.Body, now);
            Insert(id, TaskEventType.Completion, completion, now);
            transaction.Commit();
            return true;
        }
    }

    /// <summary>
    /// Opens a failed task again for a retry: status open, and a <c>recovered</c> event (Backstage's) that says from
    /// where it runs. False, and nothing written, when the task is no longer failed (retried already).
    /// </summary>
    public bool Reopen(Guid id, JsonObject recovered)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            if (Execute("UPDATE tasks SET status = $open, last_heartbeat_at = NULL, replica_id = $replica, replica_beat_at = $now WHERE id = $id AND status = $failed",
                    ("$open", TaskStates.Open), ("$id", Key(id)), ("$failed", TaskStates.Failed), ("$replica", ReplicaId), ("$now", Now)) != 1) return false;
            Insert(id, TaskEventType.Recovered, recovered, Now);
            transaction.Commit();
            return true;
        }
    }

    public TaskRecord? Get(Guid id)
    {
        lock (_gate)
        {
            using var command = Command("SELECT spec, status, created_at, last_heartbeat_at, created_by FROM tasks WHERE id = $id", ("$id", Key(id)));
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new TaskRecord(id, (JsonObject)JsonNode.Parse(reader.GetString(0))!, reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        }
    }

    /// <summary>
    /// One page of tasks, with the number that match: Backstage's task list. Ties in creation time are broken by id,
    /// so pages never overlap or skip a task.
    /// </summary>
    public (IReadOnlyList<TaskRecord> Tasks, int Total) List(TaskQuery query)
    {
        var where = "WHERE ($createdBy IS NULL OR created_by = $createdBy)" +
                    (query.Statuses.Count == 0 ? "" : $" AND status IN ({string.Join(", ", query.Statuses.Select((_, i) => $"$status{i}"))})");
        var parameters = new List<(string, object?)> { ("$createdBy", query.CreatedBy) };
        parameters.AddRange(query.Statuses.Select((status, i) => ($"$status{i}", (object?)status)));
        var direction = query.NewestFirst ? "DESC" : "ASC";
        lock (_gate)
        {
            var total = Convert.ToInt32(Scalar($"SELECT COUNT(*) FROM tasks {where}", [.. parameters]), System.Globalization.CultureInfo.InvariantCulture);
            using var command = Command(
                $"SELECT id, spec, status, created_at, last_heartbeat_at, created_by FROM tasks {where} ORDER BY created_at {direction}, id {direction} LIMIT $limit OFFSET $offset",
                [.. parameters, ("$limit", query.Limit), ("$offset", query.Offset)]);
            using var reader = command.ExecuteReader();
            var tasks = new List<TaskRecord>();
            while (reader.Read())
                tasks.Add(new TaskRecord(Guid.Parse(reader.GetString(0)), (JsonObject)JsonNode.Parse(reader.GetString(1))!, reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            return (tasks, total);
        }
    }

    /// <summary>
    /// A task's events after an event id, in order. As in Backstage, the completion event is always included: the
    /// one of the latest run, when the task was retried.
    /// </summary>
    public IReadOnlyList<TaskEventRecord> Events(Guid id, long? after = null)
    {
        lock (_gate)
        {
            using var command = Command("""
                SELECT id, event_type, body, created_at FROM task_events
                WHERE task_id = $id AND ($after IS NULL OR id > $after OR (event_type = $completion AND id > (
                  SELECT COALESCE(MAX(id), 0) FROM task_events WHERE task_id = $id AND event_type = $recovered)))
                ORDER BY id
                """, ("$id", Key(id)), ("$after", after), ("$completion", TaskEventType.Completion), ("$recovered", TaskEventType.Recovered));
            using var reader = command.ExecuteReader();
            var events = new List<TaskEventRecord>();
            while (reader.Read())
                events.Add(new TaskEventRecord(reader.GetInt64(0), id, (JsonObject)JsonNode.Parse(reader.GetString(2))!, reader.GetString(1), reader.GetString(3)));
            return events;
        }
    }

    public int Beat(IReadOnlyCollection<Guid> held)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var now = Now;
            var renewed = held.Sum(id => Execute("UPDATE tasks SET replica_beat_at = $now WHERE id = $id AND replica_id = $replica AND status IN ($open, $processing)",
                ("$now", now), ("$id", Key(id)), ("$replica", ReplicaId), ("$open", TaskStates.Open), ("$processing", TaskStates.Processing)));
            transaction.Commit();
            return renewed;
        }
    }

    public IReadOnlyList<(Guid Id, string Status)> ClaimOrphans(DateTimeOffset staleBefore)
    {
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            var tasks = new List<(Guid, string)>();
            using (var command = Command("""
                SELECT id, status FROM tasks WHERE status IN ($open, $processing)
                  AND (replica_beat_at IS NULL OR replica_beat_at < $stale)
                ORDER BY created_at, id
                """, ("$open", TaskStates.Open), ("$processing", TaskStates.Processing), ("$stale", Timestamps.Format(staleBefore))))
            using (var reader = command.ExecuteReader())
                while (reader.Read()) tasks.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1)));
            foreach (var (id, _) in tasks)
                Execute("UPDATE tasks SET replica_id = $replica, replica_beat_at = $now WHERE id = $id", ("$replica", ReplicaId), ("$now", Now), ("$id", Key(id)));
            transaction.Commit();
            return tasks;
        }
    }

    public bool RequestCancel(Guid id)
    {
        lock (_gate)
        {
            return Execute("UPDATE tasks SET cancel_requested = 1 WHERE id = $id AND status = $processing", ("$id", Key(id)), ("$processing", TaskStates.Processing)) == 1;
        }
    }

    public IReadOnlyList<Guid> ToStop(IReadOnlyCollection<Guid> held)
    {
        lock (_gate)
        {
            return [.. held.Where(id => Convert.ToInt64(Scalar("""
                SELECT COUNT(*) FROM tasks WHERE id = $id AND status = $processing AND (cancel_requested = 1 OR replica_id IS NOT $replica)
                """, ("$id", Key(id)), ("$processing", TaskStates.Processing), ("$replica", ReplicaId)), System.Globalization.CultureInfo.InvariantCulture) == 1)];
        }
    }

    public void SaveArchive(Guid id, byte[] zip)
    {
        lock (_gate)
        {
            Execute("INSERT INTO repo_archives (task_id, zip, created_at) VALUES ($id, $zip, $now) ON CONFLICT (task_id) DO UPDATE SET zip = excluded.zip",
                ("$id", Key(id)), ("$zip", zip), ("$now", Now));
        }
    }

    public byte[]? LoadArchive(Guid id)
    {
        lock (_gate)
        {
            return Scalar("SELECT zip FROM repo_archives WHERE task_id = $id", ("$id", Key(id))) as byte[];
        }
    }

    public int RemoveArchives(DateTimeOffset before)
    {
        lock (_gate)
        {
            return Execute("DELETE FROM repo_archives WHERE created_at < $before", ("$before", Timestamps.Format(before)));
        }
    }

    public IReadOnlyList<string> DataProtectionKeys()
    {
        lock (_gate)
        {
            using var command = Command("SELECT xml FROM data_protection_keys ORDER BY id");
            using var reader = command.ExecuteReader();
            var keys = new List<string>();
            while (reader.Read()) keys.Add(reader.GetString(0));
            return keys;
        }
    }

    public void SaveDataProtectionKey(string? friendlyName, string xml)
    {
        lock (_gate)
        {
            Execute("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($name, $xml)", ("$name", friendlyName), ("$xml", xml));
        }
    }

    /// <summary>The data folder's lock already keeps the SQLite store to one process.</summary>
    public void WithKeyRingLock(Action work) => work();

    private TaskEventRecord Insert(Guid id, string type, JsonObject body, string now)
    {
        using var command = Command("INSERT INTO task_events (task_id, event_type, body, created_at) VALUES ($id, $type, $body, $now) RETURNING id",
            ("$id", Key(id)), ("$type", type), ("$body", body.ToJsonString()), ("$now", now));
        var eventId = (long)command.ExecuteScalar()!;
        return new TaskEventRecord(eventId, id, (JsonObject)body.DeepClone(), type, now);
    }

    private static string Key(Guid id) => id.ToString("D");

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }
}
