using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Cli;

/// <summary>`kafka-templates serve` with sign-in: its flags, their mistakes, and binding beyond loopback once sign-in is on.</summary>
public sealed class ServeSignInTests
{
    private static CliRun Cli(TempFolder work, Dictionary<string, string>? variables = null)
    {
        var all = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" };
        foreach (var (k, v) in variables ?? []) all[k] = v;
        return new CliRun { WorkingDirectory = work.Path, Variables = all };
    }

    [Theory]
    [InlineData(new[] { "--oidc-issuer", "https://login.example.com" }, "--oidc-issuer needs --oidc-audience")]
    [InlineData(new[] { "--role", "group:default/platform=see-all-tasks" }, "need --oidc-issuer")]
    [InlineData(new[] { "--oidc-issuer", "http://login.example.com", "--oidc-audience", "portal" }, "must be an https URL")]
    [InlineData(new[] { "--oidc-issuer", "https://login.example.com", "--oidc-audience", "portal", "--role", "team=fly" }, "unknown permission 'fly'")]
    [InlineData(new[] { "--oidc-issuer", "https://login.example.com", "--oidc-audience", "portal", "--role", "see-all-tasks" }, "must be GROUP=PERMISSION")]
    [InlineData(new[] { "--oidc-issuer", "https://login.example.com", "--oidc-audience", "portal", "--oidc-clock-skew", "900" }, "--oidc-clock-skew must be 0-300")]
    public async Task A_sign_in_setting_that_cannot_work_is_bad_input_and_says_what_to_fix(string[] flags, string message)
    {
        using var work = new TempFolder("serve");
        var cli = Cli(work);

        Assert.Equal(2, await cli.RunAsync(["serve", "--data", "data", .. flags]));

        cli.ErrorShows(message);
        Assert.False(Directory.Exists(work.Combine("data")), "nothing is created when the portal refuses to start");
    }

    [Fact]
    public async Task A_client_secret_without_a_client_is_refused_and_never_echoed()
    {
        using var work = new TempFolder("serve");
        var cli = Cli(work, new() { [PortalSignIn.ClientSecretVariable] = "very-secret-value" });

        Assert.Equal(2, await cli.RunAsync("serve", "--data", "data", "--oidc-issuer", "https://login.example.com", "--oidc-audience", "portal"));

        cli.ErrorShows("KAFKA_TEMPLATES_OIDC_CLIENT_SECRET is set but no client id is given");
        Assert.DoesNotContain("very-secret-value", cli.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_issuer_serve_listens_on_every_interface_without_allow_remote_and_asks_every_caller_to_sign_in()
    {
        await using var provider = await OidcProvider.StartAsync([]);
        using var work = new TempFolder("serve");
        var cli = Cli(work, new() { ["KAFKA_TEMPLATES_OIDC_AUDIENCE"] = "urn:portal" });
        using var stop = new CancellationTokenSource();

        // Port 0 on every interface: serve binds a port the system chooses and says which; loopback reaches it.
        var serving = cli.RunAsync(stop.Token, "serve", "--urls", "http://0.0.0.0:0", "--data", "data", "--oidc-issuer", provider.Issuer);
        using var client = new HttpClient { BaseAddress = await ServeAddress.WaitAsync(() => cli.Error.Output, serving, Calls.Guard) };
        var health = await FirstAnswerAsync(client, "/healthz", serving);
        var (templates, body) = await Calls.GetAsync(client, "/api/kafka-templates/templates");

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(HttpStatusCode.Unauthorized, templates);
        JsonShape.Error(body, 401, "AuthenticationError");
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(Calls.Guard));
        cli.ErrorShows($"Users sign in through {provider.Issuer} (audience urn:portal).");
    }

    private static async Task<HttpStatusCode> FirstAnswerAsync(HttpClient client, string url, Task<int> serving)
    {
        using var guard = new CancellationTokenSource(Calls.Guard);
        while (true)
        {
            if (serving.IsCompleted) Assert.Fail($"serve ended before it answered, with {await serving}");
            try
            {
                return (await Calls.GetAsync(client, url)).Status;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20, guard.Token);
            }
        }
    }
}
