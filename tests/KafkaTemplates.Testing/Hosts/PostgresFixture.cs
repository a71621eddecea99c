namespace KafkaTemplates.Testing.Hosts;

/// <summary>One PostgreSQL server shared by a test class or collection (xunit fixture); each test takes a database of its own.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL fixture has not started");

    /// <summary>A new, empty database on the shared server.</summary>
    public Task<string> NewDatabaseAsync(string prefix) => Server.CreateDatabaseAsync($"{prefix}_{Interlocked.Increment(ref _databases)}");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
