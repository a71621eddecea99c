using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Testing;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// `new hypertrace-kafka --publish`: the repoHost and repoUrl answers are the publish target. The repository is created
/// where repoUrl says (the emulated host stands in for github.com or a self-managed GitLab through the API variables),
/// the files are pushed over real git, and the catalog registers an entity whose annotations name that repository.
/// </summary>
public sealed class NewPublishTests
{
    [Fact]
    public async Task Publishes_to_GitHub_and_registers_an_entity_that_names_the_repo_and_the_template()
    {
        await using var github = (await GitHubEmulator.StartAsync()).AddOrganization("acme");
        await using var catalog = await CatalogEmulator.StartAsync(github.ReadBlobAsync);
        using var work = new TempFolder("new-publish-github");
        var run = new CliRun
        {
            WorkingDirectory = work.Path,
            Variables = new()
            {
                [PublishSettings.GitHubHostVariable] = "github.com",
                [PublishSettings.GitHubApiVariable] = github.Address.AbsoluteUri,
                [PublishSettings.GitHubTokenVariable] = GitHubEmulator.Token,
                [PublishSettings.CatalogUrlVariable] = catalog.Address.AbsoluteUri,
                [PublishSettings.CatalogTokenVariable] = CatalogEmulator.Token,
                [PublishSettings.RetryDelayVariable] = "5",
            },
        };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments-kafka", "--set", "name=payments", "--set", "owner=acme",
            "--set", "repoHost=github", "--publish", "--no-validate");

        Assert.True(code == ExitCodes.Success, run.ToString());
        var pushed = await github.Git.GitAsync("acme/payments.git", "show", "main:catalog-info.yaml");
        Assert.Equal(File.ReadAllText(work.Combine("payments-kafka", "catalog-info.yaml")), pushed);
        var annotations = YamlReader.Read(pushed, "catalog-info.yaml").Root!["metadata"]!["annotations"]!;
        Assert.Equal("url:https://github.com/acme/payments/tree/main/", annotations["backstage.io/source-location"]!.GetValue<string>());
        Assert.Equal("acme/payments", annotations["github.com/project-slug"]!.GetValue<string>());
        Assert.Equal("template:default/hypertrace-kafka", annotations["backstage.io/source-template"]!.GetValue<string>());
        var tree = await github.Git.GitAsync("acme/payments.git", "ls-tree", "-r", "main");
        Assert.Contains("100755 blob", tree.Split('\n').Single(l => l.EndsWith("docker/entrypoint.sh", StringComparison.Ordinal)));
        Assert.Equal(new Uri(github.Address, "acme/payments/blob/main/catalog-info.yaml").AbsoluteUri, Assert.Single(catalog.Locations)["target"]!.GetValue<string>());
        run.ErrorShows($"Repository: {new Uri(github.Address, "acme/payments.git").AbsoluteUri}");
        Assert.DoesNotContain(GitHubEmulator.Token, run.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishes_to_a_GitLab_subgroup_named_by_repoUrl()
    {
        await using var gitlab = (await GitLabEmulator.StartAsync()).AddNamespace("finance").AddNamespace("finance/infra");
        using var work = new TempFolder("new-publish-gitlab");
        var run = new CliRun
        {
            WorkingDirectory = work.Path,
            Variables = new()
            {
                [PublishSettings.GitLabHostVariable] = "gitlab.example.com",
                [PublishSettings.GitLabApiVariable] = gitlab.ApiUrl.AbsoluteUri,
                [PublishSettings.GitLabTokenVariable] = GitLabEmulator.Token,
                [PublishSettings.RetryDelayVariable] = "5",
            },
        };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "ledger-kafka", "--set", "name=ledger", "--set", "owner=finance",
            "--set", "repoHost=gitlab", "--set", "repoUrl=https://gitlab.example.com/finance/infra/ledger-kafka", "--publish", "--no-validate");

        Assert.True(code == ExitCodes.Success, run.ToString());
        Assert.NotNull(gitlab.Project("finance/infra/ledger-kafka"));
        var annotations = YamlReader.Read(await gitlab.Git.GitAsync("finance/infra/ledger-kafka.git", "show", "main:catalog-info.yaml"), "catalog-info.yaml")
            .Root!["metadata"]!["annotations"]!;
        Assert.Equal("url:https://gitlab.example.com/finance/infra/ledger-kafka/-/tree/main/", annotations["backstage.io/source-location"]!.GetValue<string>());
        Assert.Equal("finance/infra/ledger-kafka", annotations["gitlab.com/project-slug"]!.GetValue<string>());
    }
}
