using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// The loopback OpenID provider the sign-in tests stand on: it comes up on a port of the system's choosing, keeps
/// that port (and so its issuer) across a key rotation, and when it does not come up in time the failure says what
/// was waited for and what node wrote.
/// </summary>
public sealed class OidcProviderStartTests
{
    [Fact]
    public async Task The_provider_answers_at_its_issuer_and_a_restart_keeps_the_issuer()
    {
        var client = new OidcProvider.ApiClient("starter", ["team-a"]);
        await using var provider = await OidcProvider.StartAsync([client]);
        var issuer = provider.Issuer;
        using var http = new HttpClient { Timeout = Calls.Guard };

        var discovery = await http.GetFromJsonAsync<JsonObject>(issuer + "/.well-known/openid-configuration");
        await provider.RestartWithNewKeyAsync();
        var again = await http.GetFromJsonAsync<JsonObject>(provider.Issuer + "/.well-known/openid-configuration");

        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", issuer);
        Assert.Equal(issuer, discovery!["issuer"]!.GetValue<string>());
        Assert.Equal(issuer, provider.Issuer);
        Assert.Equal(issuer, again!["issuer"]!.GetValue<string>());
        Assert.NotEmpty(await provider.TokenAsync(client, "urn:kafka-templates:portal"));
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_fails_with_what_was_awaited_and_node_s_output_and_exit_code()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            OidcProvider.StartAsync([], startGuard: TimeSpan.Zero));

        Assert.Contains("did not write its ready file (the sign it answers on 127.0.0.1) within", failure.Message, StringComparison.Ordinal);
        Assert.Contains("it was killed, exit 137", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--- stdout", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--- stderr", failure.Message, StringComparison.Ordinal);
    }
}
