using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>catalog:register against an emulated Backstage catalog that reads the published catalog-info.yaml from the emulated GitHub.</summary>
public sealed class CatalogRegisterTests : IAsyncLifetime
{
    private GitHubEmulator _github = null!;
    private CatalogEmulator _catalog = null!;

    public async Task InitializeAsync()
    {
        _github = (await GitHubEmulator.StartAsync()).AddOrganization("acme", "platform-admins");
        _catalog = await CatalogEmulator.StartAsync(_github.ReadBlobAsync);
    }

    public async Task DisposeAsync()
    {
        await _catalog.DisposeAsync();
        await _github.DisposeAsync();
    }

    private PublishSettings Settings(string catalogToken = CatalogEmulator.Token) => PublishRun.Settings(
        (PublishSettings.GitHubHostVariable, _github.Host),
        (PublishSettings.GitHubApiVariable, _github.Address.AbsoluteUri),
        (PublishSettings.GitHubTokenVariable, GitHubEmulator.Token),
        (PublishSettings.CatalogUrlVariable, _catalog.Address.AbsoluteUri),
        (PublishSettings.CatalogTokenVariable, catalogToken));

    private Task<(ScaffoldResult Result, ScaffoldLog Log)> PublishAsync(string name, PublishSettings settings) =>
        PublishRun.RunAsync(settings, ("name", name), ("owner", "acme"), ("host", "github"), ("repoHost", _github.Host), ("register", "true"));

    [Fact]
    public async Task Registers_the_published_catalog_info_and_links_the_entity()
    {
        var (result, log) = await PublishAsync("payments", Settings());

        var location = Assert.Single(_catalog.Locations);
        Assert.Equal(new Uri(_github.Address, "acme/payments/blob/main/catalog-info.yaml").AbsoluteUri, location["target"]!.GetValue<string>());
        Assert.Equal("component:default/payments", result.Output["links"]![1]!["entityRef"]!.GetValue<string>());
        Assert.Contains("the location holds component:default/payments", PublishRun.Text(log));
        Assert.DoesNotContain(CatalogEmulator.Token, PublishRun.Text(log));
    }

    [Fact]
    public async Task A_catalog_that_refuses_the_token_names_the_variable_to_set()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("orders", Settings("wrong-catalog-token")));

        Assert.Contains("step 'register'", e.Message);
        Assert.Contains("refused the request (401: Missing credentials)", e.Message);
        Assert.Contains(PublishSettings.CatalogTokenVariable, e.Message);
        Assert.DoesNotContain("wrong-catalog-token", e.ToString());
    }

    [Fact]
    public async Task A_catalog_that_is_down_is_asked_again_then_named()
    {
        _catalog.Faults.Add(new HostFault("POST", "/api/catalog/locations", 503, times: 10));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() => PublishAsync("ledger", Settings()));

        Assert.Contains($"the catalog at {_catalog.Address.GetLeftPart(UriPartial.Authority)} answered 503", e.Message);
        Assert.Contains("on each of 4 attempts", e.Message);
    }

    [Fact]
    public async Task A_catalog_briefly_unavailable_gets_the_location_registered_once()
    {
        _catalog.Faults.Add(new HostFault("POST", "/api/catalog/locations", 503, times: 1));
        var (result, log) = await PublishAsync("search", Settings());

        Assert.Contains("asking again", PublishRun.Text(log));
        Assert.Single(_catalog.Locations);
        Assert.Equal("component:default/search", result.Output["links"]![1]!["entityRef"]!.GetValue<string>());
    }
}
