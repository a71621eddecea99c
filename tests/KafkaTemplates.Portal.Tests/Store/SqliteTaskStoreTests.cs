using KafkaTemplates.Portal.Tasks;
using Microsoft.Data.Sqlite;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>The store contract on SQLite, the default: a file per test.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract, IDisposable
{
    private readonly TempFolder _folder = new("sqlite-store");

    private protected override Task<string> NewDatabaseAsync() => Task.FromResult(_folder.Combine($"{Guid.NewGuid():N}.db"));

    private protected override Task<ITaskStore> OpenAsync(string database, TimeProvider clock, string replicaId) =>
        Task.FromResult<ITaskStore>(SqliteTaskStore.Open(database, replicaId, clock));

    [Fact]
    public void A_database_of_the_previous_schema_gains_the_key_ring_table_and_keeps_its_tasks()
    {
        var path = _folder.Combine("upgrade.db");
        var id = Guid.NewGuid();
        using (var store = SqliteTaskStore.Open(path)) store.Create(id, "demo", new JsonObject());
        // As the portal before the key ring left it: schema 2, no data_protection_keys.
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE data_protection_keys; PRAGMA user_version = 2;";
            command.ExecuteNonQuery();
        }

        using var upgraded = SqliteTaskStore.Open(path);
        upgraded.SaveDataProtectionKey("key-1", "<key id=\"1\" />");

        Assert.Equal(["<key id=\"1\" />"], upgraded.DataProtectionKeys());
        Assert.NotNull(upgraded.Get(id));
    }

    public void Dispose() => _folder.Dispose();
}
