using KafkaTemplates.Portal.Tests.Store;
using KafkaTemplates.Testing.Hosts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// Two real <c>kafka-templates serve</c> replicas with sign-in, started at once on one empty PostgreSQL database, as
/// behind a load balancer without sticky sessions: a person who signed in through either replica is signed in on both,
/// because both read the one Data Protection key ring in the database.
/// </summary>
[Collection(SharedPostgres.Name)]
public sealed class SharedSessionTests(PostgresFixture postgres)
{
    static SharedSessionTests() => SetDefaultExpectTimeout((float)Calls.Guard.TotalMilliseconds);

    [Fact]
    public async Task A_session_cookie_from_either_replica_started_at_once_is_accepted_by_both()
    {
        await using var provider = await OidcProvider.StartAsync([], new Dictionary<string, string[]> { ["carol"] = ["team-a"], ["dave"] = ["team-a"] });
        var database = await postgres.NewDatabaseAsync("sessions");
        string[] signIn = ["--oidc-issuer", provider.Issuer, "--oidc-audience", OrganisationPortal.Audience,
            "--oidc-client-id", OidcProvider.WebClientId, "--role", "*=list-templates"];
        var replicas = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => ServeProcess.StartAsync(postgres.Server.Url(database), arguments: signIn)));
        await using var first = replicas[0];
        await using var second = replicas[1];
        Assert.Equal("1", await postgres.Server.QueryAsync(database, "SELECT COUNT(*) FROM data_protection_keys"));

        // Cookies are per host, not per port: the browser sends the session from one replica to the other too.
        foreach (var (person, signedInAt, other) in new[] { ("carol", first, second), ("dave", second, first) })
        {
            using var downloads = new TempFolder("downloads");
            await using var browser = await Browser.LaunchAsync(downloads.Path);
            await browser.Context.RouteAsync("**/*", route =>
                new Uri(route.Request.Url).IsLoopback ? route.ContinueAsync() : route.AbortAsync());
            var page = await browser.NewPageAsync();

            await page.GotoAsync(signedInAt.Client.BaseAddress!.ToString());
            await page.Locator("input[name=login]").FillAsync(person);
            await page.Locator("input[name=password]").FillAsync("anything");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Signed in as user:default/{person}");

            await page.GotoAsync(other.Client.BaseAddress!.ToString());
            Assert.Equal(other.Client.BaseAddress, new Uri(page.Url));
            await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync($"Signed in as user:default/{person}");
            var me = await page.EvaluateAsync<string>("fetch('/api/kafka-templates/me').then(r => r.json()).then(b => b.userEntityRef)");
            Assert.Equal($"user:default/{person}", me);
        }
        Assert.Equal("1", await postgres.Server.QueryAsync(database, "SELECT COUNT(*) FROM data_protection_keys"));
    }
}
