using Npgsql;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// The PostgreSQL schema, as numbered migrations recorded in <c>schema_version</c>. Every replica runs
/// <see cref="Migrate"/> at start under one advisory lock, so when several start at once exactly one applies each
/// migration and the others find it applied. A database written by a newer portal is refused rather than guessed at.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock's key: any fixed number no other application on the database uses ("KTMP").</summary>
    private const long MigrationLock = 0x4B544D50;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE tasks (
          id uuid PRIMARY KEY,
          template text NOT NULL,
          spec text NOT NULL,
          status text NOT NULL,
          created_at text NOT NULL,
          last_heartbeat_at text,
          created_by text,
          replica_id text,
          replica_beat_at text,
          cancel_requested boolean NOT NULL DEFAULT false
        );
        CREATE INDEX tasks_unfinished ON tasks (status, replica_beat_at) WHERE status IN ('open', 'processing');
        CREATE INDEX tasks_by_creation ON tasks (created_at, id);
        CREATE TABLE task_events (
          id bigserial PRIMARY KEY,
          task_id uuid NOT NULL REFERENCES tasks(id),
          event_type text NOT NULL,
          body text NOT NULL,
          created_at text NOT NULL
        );
        CREATE INDEX task_events_by_task ON task_events (task_id, id);
        CREATE TABLE repo_archives (
          task_id uuid PRIMARY KEY REFERENCES tasks(id),
          zip bytea NOT NULL,
          created_at text NOT NULL
        );
        """,
        // The ASP.NET Core Data Protection key ring, shared so a cookie one replica issued is read by every other.
        """
        CREATE TABLE data_protection_keys (
          id bigserial PRIMARY KEY,
          friendly_name text,
          xml text NOT NULL
        );
        """,
    ];

    public static int Latest => Migrations.Length;

    /// <summary>Applies the migrations this database lacks; returns how many this call applied.</summary>
    public static int Migrate(NpgsqlConnection connection)
    {
        using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLock})", connection)) lockCommand.ExecuteNonQuery();
        try
        {
            using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", connection))
                create.ExecuteNonQuery();
            int current;
            using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
                current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Latest)
                throw new InvalidOperationException($"the task database was written by a newer kafka-templates (schema {current}, this one knows {Latest}); upgrade the tool");
            for (var version = current + 1; version <= Latest; version++)
            {
                using var transaction = connection.BeginTransaction();
                using (var apply = new NpgsqlCommand(Migrations[version - 1], connection, transaction)) apply.ExecuteNonQuery();
                using (var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES (@version)", connection, transaction))
                {
                    record.Parameters.AddWithValue("version", version);
                    record.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            return Latest - current;
        }
        finally
        {
            using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLock})", connection);
            unlock.ExecuteNonQuery();
        }
    }
}
