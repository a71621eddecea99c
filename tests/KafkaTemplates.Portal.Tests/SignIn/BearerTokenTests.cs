using System.Text;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// API calls with tokens a real OpenID provider issued (client_credentials, JWT access tokens): the portal accepts
/// the good ones and turns away, with a bare 401, expired, wrong-audience, wrong-issuer, unknown-key and tampered
/// ones. It follows the issuer's key rotation by fetching its keys again.
/// </summary>
public sealed class BearerTokenTests
{
    private const string Templates = "/api/kafka-templates/templates";

    [Fact]
    public async Task A_token_from_the_issuer_is_accepted_and_the_caller_becomes_createdBy_whatever_the_request_says()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        portal.Flaky.Heal();

        var (status, created) = await Calls.PostAsync(alice, "/api/scaffolder/v2/tasks", new JsonObject
        {
            ["templateRef"] = OrganisationPortal.FlakyRef,
            ["values"] = OrganisationPortal.Values("alices-repo"),
            ["createdBy"] = "user:default/mallory",
        });

        Assert.Equal(HttpStatusCode.Created, status);
        var id = Guid.Parse(JsonShape.String(JsonShape.Object(created, "created"), "id"));
        var task = await Calls.TaskAsync(alice, id);
        Assert.Equal("user:default/alice", JsonShape.String(task, "createdBy"));
        Assert.Equal("user:default/alice", task["spec"]!["user"]!["ref"]!.GetValue<string>());
        var (meStatus, me) = await Calls.GetAsync(alice, "/api/kafka-templates/me");
        Assert.Equal(HttpStatusCode.OK, meStatus);
        Assert.Equal("user:default/alice", me!["userEntityRef"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_nothing_more_and_health_stays_open()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = portal.Address };

        foreach (var (method, url) in new[]
                 {
                     (HttpMethod.Get, Templates), (HttpMethod.Get, "/api/scaffolder/v2/tasks"), (HttpMethod.Post, "/api/scaffolder/v2/tasks"),
                     (HttpMethod.Get, "/api/scaffolder/v2/actions"), (HttpMethod.Get, "/api/scaffolder/v2/templating-extensions"),
                     (HttpMethod.Get, $"/api/scaffolder/v2/tasks/{Guid.NewGuid():D}"), (HttpMethod.Get, "/no/such/page"),
                 })
        {
            using var request = new HttpRequestMessage(method, url);
            using var response = await anonymous.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("authentication required", JsonShape.Error(body, 401, "AuthenticationError"));
        }
        // This portal has a client for the page: opening it sends the person to the issuer to sign in.
        using (var page = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = portal.Address }.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith(portal.Provider.Issuer + "/auth?", page.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
        foreach (var probe in new[] { "/healthz", "/readyz" })
        {
            var (status, body) = await Calls.GetAsync(anonymous, probe);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("""{"status":"ok"}""", body!.ToJsonString());
        }
    }

    [Fact]
    public async Task An_expired_token_is_refused_once_its_lifetime_and_the_clock_skew_have_passed()
    {
        await using var portal = await OrganisationPortal.StartAsync(clockSkew: TimeSpan.FromSeconds(1));
        var token = await portal.Provider.TokenAsync(OrganisationPortal.Brief, OrganisationPortal.Audience);
        var expires = DateTimeOffset.FromUnixTimeSeconds(Claim(token, "exp")!.GetValue<long>());
        var client = portal.WithToken(token);

        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(client, Templates)).Status);
        // The token says when it expires; past that and the skew it must be refused.
        var wait = expires + TimeSpan.FromSeconds(1.5) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Calls.GetAsync(client, Templates)).Status);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var token = await portal.Provider.TokenAsync(OrganisationPortal.Alice, "urn:another-service");
        Assert.Equal("urn:another-service", Claim(token, "aud")!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, (await Calls.GetAsync(portal.WithToken(token), Templates)).Status);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused_even_when_signed_with_the_same_key()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        await using var impostor = await OidcProvider.StartAsync([OrganisationPortal.Alice], signingKeyOf: portal.Provider);
        var foreign = await impostor.TokenAsync(OrganisationPortal.Alice, OrganisationPortal.Audience);
        var genuine = await portal.Provider.TokenAsync(OrganisationPortal.Alice, OrganisationPortal.Audience);
        Assert.Equal(Header(genuine, "kid"), Header(foreign, "kid"));
        Assert.NotEqual(Claim(genuine, "iss")!.GetValue<string>(), Claim(foreign, "iss")!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(portal.WithToken(genuine), Templates)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Calls.GetAsync(portal.WithToken(foreign), Templates)).Status);
    }

    [Fact]
    public async Task After_the_issuer_rotates_its_key_new_tokens_are_accepted_and_tokens_of_the_retired_key_are_not()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var before = await portal.Provider.TokenAsync(OrganisationPortal.Alice, OrganisationPortal.Audience);
        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(portal.WithToken(before), Templates)).Status);

        await portal.Provider.RestartWithNewKeyAsync();
        var after = await portal.Provider.TokenAsync(OrganisationPortal.Alice, OrganisationPortal.Audience);
        Assert.NotEqual(Header(before, "kid"), Header(after, "kid"));

        // The portal has never seen the new key: it fetches the issuer's keys again in that very request rather than
        // refuse it, and from then on checks tokens with the keys the issuer publishes now, without the retired one.
        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(portal.WithToken(after), Templates)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Calls.GetAsync(portal.WithToken(before), Templates)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(portal.WithToken(after), Templates)).Status);
    }

    [Fact]
    public async Task A_tampered_token_is_refused()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var token = await portal.Provider.TokenAsync(OrganisationPortal.Bob, OrganisationPortal.Audience);
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        payload["sub"] = "admin";
        payload["groups"] = new JsonArray("platform");
        var promoted = string.Join('.', parts[0], Encode(payload.ToJsonString()), parts[2]);
        var unsigned = string.Join('.', Encode("""{"alg":"none","typ":"at+jwt"}"""), Encode(payload.ToJsonString()), "");
        var flipped = string.Join('.', parts[0], parts[1], parts[2][..^2] + (parts[2][^2] == 'A' ? "B" : "A") + parts[2][^1]);

        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(portal.WithToken(token), Templates)).Status);
        foreach (var forged in new[] { promoted, unsigned, flipped, token + "x", "not-a-token" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await Calls.GetAsync(portal.WithToken(forged), Templates)).Status);
    }

    internal static JsonNode? Claim(string jwt, string name) => JsonNode.Parse(Decode(jwt.Split('.')[1]))![name];

    private static string? Header(string jwt, string name) => JsonNode.Parse(Decode(jwt.Split('.')[0]))![name]?.GetValue<string>();

    private static string Decode(string part) => Encoding.UTF8.GetString(Convert.FromBase64String(
        part.Replace('-', '+').Replace('_', '/') + new string('=', (4 - part.Length % 4) % 4)));

    private static string Encode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
