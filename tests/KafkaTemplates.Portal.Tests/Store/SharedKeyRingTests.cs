using KafkaTemplates.Testing.Hosts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>
/// Portals on one PostgreSQL database share one Data Protection key ring, so what one replica protects (the sign-in
/// cookie) every other reads, also when they all start at once on an empty database and after a restart.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class SharedKeyRingTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Replicas_starting_at_once_agree_on_one_key_and_each_reads_what_every_other_protected()
    {
        var database = await postgres.NewDatabaseAsync("keys");
        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            Task.Run(() => PortalServer.StartAsync(options => options with { Database = postgres.Server.Url(database) }))));
        try
        {
            Assert.Equal("1", await postgres.Server.QueryAsync(database, "SELECT COUNT(*) FROM data_protection_keys"));
            var protectors = servers.Select(s => s.Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session")).ToList();
            for (var from = 0; from < protectors.Count; from++)
            {
                var value = protectors[from].Protect($"signed in through replica {from}");
                foreach (var to in protectors) Assert.Equal($"signed in through replica {from}", to.Unprotect(value));
            }

            // A replica started later (a restarted pod) reads what the first protected, with the same key.
            var early = protectors[0].Protect("before the restart");
            await using var restarted = await PortalServer.StartAsync(options => options with { Database = postgres.Server.Url(database) });
            Assert.Equal("before the restart",
                restarted.Host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("session").Unprotect(early));
            Assert.Equal("1", await postgres.Server.QueryAsync(database, "SELECT COUNT(*) FROM data_protection_keys"));
        }
        finally
        {
            foreach (var server in servers) await server.DisposeAsync();
        }
    }
}
