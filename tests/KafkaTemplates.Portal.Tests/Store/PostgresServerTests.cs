using System.Net.Sockets;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>
/// The tests' own PostgreSQL: when its port is taken by another program it does not start, and the failure carries
/// the server's log, which says why, instead of pg_ctl's bare "could not start server".
/// </summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_server_whose_port_another_program_took_fails_to_start_with_the_server_log()
    {
        await using var server = await PostgresServer.StartAsync();
        await server.StopAsync();
        using var squatter = new TcpListener(IPAddress.Loopback, server.Port);
        squatter.Start();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(server.StartAgainAsync);

        Assert.Contains($"PostgreSQL did not start on 127.0.0.1:{server.Port}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--- server log", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Address already in use", failure.Message, StringComparison.Ordinal);
    }
}
