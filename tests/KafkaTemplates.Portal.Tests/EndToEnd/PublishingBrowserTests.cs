using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing.Hosts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KafkaTemplates.Portal.Tests.EndToEnd;

/// <summary>
/// A person at the portal's page creates a repo from a template that publishes: the form becomes a task, the task
/// creates the repository on an emulated GitHub (or the project on an emulated GitLab) and pushes it over real git, registers its catalog-info.yaml in an
/// emulated Backstage catalog, and the page shows the links to both when the task finishes.
/// </summary>
public sealed class PublishingBrowserTests
{
    static PublishingBrowserTests() => SetDefaultExpectTimeout((float)Calls.Guard.TotalMilliseconds);

    private static string PublishingTemplates => RepoRoot.Combine("tests", "KafkaTemplates.Publishing.Tests", "Fixtures");

    [Fact]
    public async Task The_form_creates_the_repository_on_the_host_registers_it_and_shows_both_links()
    {
        await using var github = (await GitHubEmulator.StartAsync()).AddOrganization("acme", "platform-admins");
        await using var catalogApi = await CatalogEmulator.StartAsync(github.ReadBlobAsync);
        var settings = PublishSettings.FromEnvironment(new Dictionary<string, string>
        {
            [PublishSettings.GitHubHostVariable] = github.Host,
            [PublishSettings.GitHubApiVariable] = github.Address.AbsoluteUri,
            [PublishSettings.GitHubTokenVariable] = GitHubEmulator.Token,
            [PublishSettings.CatalogUrlVariable] = catalogApi.Address.AbsoluteUri,
            [PublishSettings.CatalogTokenVariable] = CatalogEmulator.Token,
        });
        var engine = new EngineServices(PublishingActions.Create(settings));
        await using var server = await PortalServer.StartAsync(o => o with
        {
            Engine = engine,
            Catalog = new TemplateCatalog(PublishingTemplates, engine.Loader),
            ValidateRepos = false,
        });
        using var downloads = new TempFolder("downloads");
        await using var browser = await Browser.LaunchAsync(downloads.Path);
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(server.Client.BaseAddress!.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Use A service that publishes itself" }).ClickAsync();
        await page.Locator("#field-name").FillAsync("payments");
        await page.Locator("#field-owner").FillAsync("acme");
        await page.Locator("#field-host").SelectOptionAsync("github");
        await page.Locator("#field-repoHost").FillAsync(github.Host);
        await page.Locator("#field-register").CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("The repo is ready.");

        var repoUrl = new Uri(github.Address, "acme/payments.git").AbsoluteUri;
        var repoLink = page.Locator("#run-output a", new() { HasText = repoUrl });
        await Expect(repoLink).ToHaveAttributeAsync("href", repoUrl);
        await Expect(page.Locator("#run-output")).ToContainTextAsync("Open in catalog: component:default/payments");
        await Expect(page.Locator("#run-log")).ToContainTextAsync("pushed");

        var tree = await github.Git.GitAsync("acme/payments.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("scripts/deploy.sh", StringComparison.Ordinal)));
        Assert.Contains(".kafka-templates.yaml", tree);
        Assert.Contains("catalog-info.yaml", tree);
        var location = Assert.Single(catalogApi.Locations);
        Assert.Equal(new Uri(github.Address, "acme/payments/blob/main/catalog-info.yaml").AbsoluteUri, location["target"]!.GetValue<string>());
        Assert.Empty(problems);

        // The task store, the kept repos and the logs hold no token.
        var readable = Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories).Where(IsReadable).ToList();
        Assert.Contains(readable, f => f.EndsWith(".db", StringComparison.Ordinal));
        foreach (var token in new[] { GitHubEmulator.Token, CatalogEmulator.Token })
            Assert.DoesNotContain(readable, f => Holds(f, token));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(GitHubEmulator.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_form_creates_the_project_on_GitLab_registers_it_and_shows_both_links()
    {
        await using var gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("acme").AddNamespace("acme/data");
        await using var catalogApi = await CatalogEmulator.StartAsync(gitlab.ReadBlobAsync);
        var settings = PublishSettings.FromEnvironment(new Dictionary<string, string>
        {
            [PublishSettings.GitLabHostVariable] = gitlab.Host,
            [PublishSettings.GitLabApiVariable] = gitlab.ApiUrl.AbsoluteUri,
            [PublishSettings.GitLabTokenVariable] = GitLabEmulator.Token,
            [PublishSettings.CatalogUrlVariable] = catalogApi.Address.AbsoluteUri,
            [PublishSettings.CatalogTokenVariable] = CatalogEmulator.Token,
        });
        var engine = new EngineServices(PublishingActions.Create(settings));
        await using var server = await PortalServer.StartAsync(o => o with
        {
            Engine = engine,
            Catalog = new TemplateCatalog(PublishingTemplates, engine.Loader),
            ValidateRepos = false,
        });
        using var downloads = new TempFolder("downloads");
        await using var browser = await Browser.LaunchAsync(downloads.Path);
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync(server.Client.BaseAddress!.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Use A service that publishes itself" }).ClickAsync();
        await page.Locator("#field-name").FillAsync("streams");
        await page.Locator("#field-owner").FillAsync("acme/data");
        await page.Locator("#field-host").SelectOptionAsync("gitlab");
        await page.Locator("#field-repoHost").FillAsync(gitlab.Host);
        await page.Locator("#field-register").CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("The repo is ready.");

        var project = gitlab.Project("acme/data/streams")!;
        var repoUrl = project["http_url_to_repo"]!.GetValue<string>();
        var repoLink = page.Locator("#run-output a", new() { HasText = repoUrl });
        await Expect(repoLink).ToHaveAttributeAsync("href", repoUrl);
        await Expect(page.Locator("#run-output")).ToContainTextAsync("Open in catalog: component:default/streams");
        await Expect(page.Locator("#run-output")).ToContainTextAsync($"project {project["id"]}, created true");
        await Expect(page.Locator("#run-log")).ToContainTextAsync("pushed");

        Assert.Equal("ci/pipeline.yml", project["ci_config_path"]!.GetValue<string>());
        var tree = await gitlab.Git.GitAsync("acme/data/streams.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("scripts/deploy.sh", StringComparison.Ordinal)));
        Assert.Contains("100644 blob", tree.Split('\n').Single(l => l.EndsWith("README.md", StringComparison.Ordinal)));
        Assert.Contains(".kafka-templates.yaml", tree);
        Assert.Contains("catalog-info.yaml", tree);
        var location = Assert.Single(catalogApi.Locations);
        Assert.Equal(new Uri(gitlab.Address, "acme/data/streams/-/blob/main/catalog-info.yaml").AbsoluteUri, location["target"]!.GetValue<string>());
        Assert.Empty(problems);

        var readable = Directory.EnumerateFiles(server.DataDirectory, "*", SearchOption.AllDirectories).Where(IsReadable).ToList();
        foreach (var token in new[] { GitLabEmulator.Token, CatalogEmulator.Token })
            Assert.DoesNotContain(readable, f => Holds(f, token));
        Assert.DoesNotContain(server.Logs.Lines, l => l.Contains(GitLabEmulator.Token, StringComparison.Ordinal));
    }

    /// <summary>Whether a file can be opened now; the running portal holds its lock file.</summary>
    private static bool IsReadable(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The portal's lock file is held exclusively while it runs.
            return false;
        }
    }

    private static bool Holds(string file, string text)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray().AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;
    }
}
