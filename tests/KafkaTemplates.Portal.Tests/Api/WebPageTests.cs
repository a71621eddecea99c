namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>The page is served by the portal itself, under a policy that lets only its own files run.</summary>
public sealed class WebPageTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("/", "text/html", "<script type=\"module\" src=\"app.js\">")]
    [InlineData("/app.js", "text/javascript", "/api/scaffolder/v2/dry-run")]
    [InlineData("/app.css", "text/css", "[hidden]")]
    public async Task The_page_and_its_files_are_served_with_a_strict_content_security_policy(string path, string mediaType, string content)
    {
        using var response = await _server.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task A_page_the_browser_already_has_is_not_sent_again()
    {
        using var first = await _server.Client.GetAsync("/app.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }
}
