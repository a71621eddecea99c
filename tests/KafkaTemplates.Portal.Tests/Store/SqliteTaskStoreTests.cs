using KafkaTemplates.Portal.Tasks;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>The store contract on SQLite, the default: a file per test.</summary>
public sealed class SqliteTaskStoreTests : TaskStoreContract, IDisposable
{
    private readonly TempFolder _folder = new("sqlite-store");

    private protected override Task<string> NewDatabaseAsync() => Task.FromResult(_folder.Combine($"{Guid.NewGuid():N}.db"));

    private protected override Task<ITaskStore> OpenAsync(string database, TimeProvider clock, string replicaId) =>
        Task.FromResult<ITaskStore>(SqliteTaskStore.Open(database, replicaId, clock));

    public void Dispose() => _folder.Dispose();
}
