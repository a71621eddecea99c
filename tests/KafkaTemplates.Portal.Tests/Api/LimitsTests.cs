using System.Text;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>The portal's limits: request size, loopback binding, and the guards that keep other web pages out.</summary>
public sealed class LimitsTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync(o => o with { MaxRequestBodyBytes = 64 * 1024 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Oversize() =>
        new JsonObject { ["templateRef"] = Calls.HypertraceRef, ["values"] = new JsonObject { ["description"] = new string('x', 100 * 1024) } }.ToJsonString();

    [Fact]
    public async Task An_oversize_request_with_a_length_is_refused_with_413()
    {
        using var content = new StringContent(Oversize(), Encoding.UTF8, "application/json");

        using var response = await _server.Client.PostAsync("/api/scaffolder/v2/tasks", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("65536 bytes", JsonShape.Error(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 413, "PayloadTooLargeError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_request_sent_in_chunks_is_refused_with_413()
    {
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversize())));
        content.Headers.ContentType = Calls.Json;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scaffolder/v2/dry-run") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        JsonShape.Error(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 413, "PayloadTooLargeError");
    }

    /// <summary>Every malformed body is a 400 that names the problem, on every endpoint that reads one; none is a 500.</summary>
    [Theory]
    [InlineData("/api/scaffolder/v2/tasks")]
    [InlineData("/api/scaffolder/v2/dry-run")]
    [InlineData("/api/kafka-templates/validate-parameters")]
    public async Task Duplicate_keys_invalid_utf8_and_deep_nesting_get_400_naming_the_problem(string endpoint)
    {
        async Task<string> Refused(byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Calls.Json;
            using var response = await _server.Client.PostAsync(endpoint, content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return JsonShape.Error(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 400, "InputError");
        }

        var duplicate = await Refused(Encoding.UTF8.GetBytes($"{{\"templateRef\":\"{Calls.HypertraceRef}\",\"values\":{{\"name\":\"a\",\"name\":\"b\"}}}}"));
        Assert.Contains("Duplicate property 'name'", duplicate, StringComparison.Ordinal);

        byte[] invalid = [.. Encoding.UTF8.GetBytes($"{{\"templateRef\":\"{Calls.HypertraceRef}\",\"values\":{{\"name\":\""), 0xc3, 0x28, .. "\"}}"u8];
        Assert.Contains("not valid UTF-8", await Refused(invalid), StringComparison.Ordinal);

        var deep = await Refused(Encoding.UTF8.GetBytes("{\"values\":" + new string('[', 500) + new string(']', 500) + "}"));
        Assert.Contains("depth", deep, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_so_dns_rebinding_pages_get_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/kafka-templates/templates");
        request.Headers.Host = "attacker.example";

        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attacker.example", JsonShape.Error(JsonNode.Parse(await response.Content.ReadAsStringAsync()), 400, "InputError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_from_another_sites_page_is_refused_and_one_from_the_portals_page_is_not()
    {
        async Task<HttpStatusCode> Post(string origin)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/kafka-templates/validate-parameters")
            {
                Content = new StringContent($"{{\"templateRef\":\"{Calls.HypertraceRef}\",\"values\":{{}}}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Origin", origin);
            using var response = await _server.Client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Forbidden, await Post("https://evil.example"));
        Assert.Equal(HttpStatusCode.OK, await Post(_server.Client.BaseAddress!.GetLeftPart(UriPartial.Authority)));
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:7007")]
    [InlineData("http://portal.example.com:7007")]
    [InlineData("http://10.1.2.3:7007")]
    public async Task Listening_beyond_loopback_is_refused_unless_allowed(string url)
    {
        using var data = new TempFolder("remote");

        var refused = await Assert.ThrowsAsync<PortalConfigurationException>(() =>
            PortalHost.StartAsync(new PortalOptions { Urls = [url], DataDirectory = data.Path }));

        Assert.Contains("allow-remote", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no sign-in", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://127.0.0.1:7007", "plain http")]
    [InlineData("127.0.0.1:7007", "not a URL")]
    [InlineData("http://localhost:0", "http://127.0.0.1:0")]
    [InlineData("http://127.0.0.1:7007/portal", "scheme, host and port")]
    public async Task A_listen_address_that_cannot_work_is_refused_with_what_to_write(string url, string hint)
    {
        using var data = new TempFolder("urls");

        var refused = await Assert.ThrowsAsync<PortalConfigurationException>(() =>
            PortalHost.StartAsync(new PortalOptions { Urls = [url], DataDirectory = data.Path }));

        Assert.Contains(hint, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remote_listening_works_when_allowed()
    {
        await using var server = await PortalServer.StartAsync(o => o with { Urls = ["http://0.0.0.0:0"], AllowRemote = true });
        // Reach it over loopback: the test talks to nothing but this machine.
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.Host.Addresses[0].Port}") };

        var (status, _) = await Calls.GetAsync(client, "/api/kafka-templates/templates");

        Assert.Equal(HttpStatusCode.OK, status);
    }
}
