using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// A repo generated from a git tag moves to the tag of the version it is upgraded to: the newest by default, a
/// version by its tag, or another git+URL@tag; a version the source lacks lists those it has. A real local origin.
/// </summary>
public class UpgraderGitSourceTests
{
    private const string Parameters = """
        properties:
          name: { type: string, default: demo }
          replicas: { type: integer, default: 2 }
        """;

    private static async Task<(UpgraderFixture Fixture, GitTemplateOrigin Origin)> RepoFromGitAsync()
    {
        var fixture = UpgraderFixture.Create(Parameters, Parameters, v2Replicas: "replicas");
        var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(fixture.V1, "", null, "service-config/v1.0.0");
        await origin.PublishAsync(fixture.V2, "", null, "v1.1.0");
        // A tag of a version whose tree holds no template (a broken release).
        await origin.PublishAsync(null, "", null, "v1.2.0");
        await fixture.GenerateAsync(fixture.Versions().Load("service-config", TemplateSource.Git(origin.Url, "service-config/v1.0.0"), null, fixture.Repo));
        return (fixture, origin);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1.1.0")]
    public async Task The_repo_moves_to_the_tag_of_the_new_version(string? to)
    {
        var (fixture, origin) = await RepoFromGitAsync();
        using var _ = fixture;
        using var __ = origin;
        Assert.Contains($"source: \"git+{origin.Url}@service-config/v1.0.0\"", File.ReadAllText(fixture.AnswersPath), StringComparison.Ordinal);

        // The newest is 1.2.0, whose tag holds no template: only an explicit version avoids it.
        if (to is null)
        {
            var newest = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo }));
            Assert.Equal($"no template 'service-config' in {origin.Url} at v1.2.0", newest.Message);
            await origin.PublishAsync(fixture.V2, "", "1.2.1", "v1.2.1");
        }
        var plan = await fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = to });
        UpgradeApplier.Apply(plan);

        var tag = to is null ? "v1.2.1" : "v1.1.0";
        Assert.Equal(TemplateSource.Git(origin.Url, tag), plan.Target.Source);
        Assert.Equal(TemplateSource.Git(origin.Url, "service-config/v1.0.0"), plan.Base.Source);
        Assert.Contains($"source: \"git+{origin.Url}@{tag}\"", File.ReadAllText(fixture.AnswersPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_the_source_does_not_offer_lists_those_it_does()
    {
        var (fixture, origin) = await RepoFromGitAsync();
        using var _ = fixture;
        using var __ = origin;

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = "1.5.0" }));

        Assert.Equal($"{Setting.To} 1.5.0: git+{origin.Url}@service-config/v1.0.0 offers service-config 1.0.0, 1.1.0, 1.2.0, not 1.5.0; give one of those, or {Setting.To} <folder|git+URL@tag> for another source", e.Message);
    }

    [Fact]
    public async Task A_version_the_source_offers_but_cannot_load_keeps_its_own_error()
    {
        var (fixture, origin) = await RepoFromGitAsync();
        using var _ = fixture;
        using var __ = origin;

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = "1.2.0" }));

        Assert.Equal($"no template 'service-config' in {origin.Url} at v1.2.0", e.Message);
    }

    [Fact]
    public async Task A_git_url_and_tag_as_to_is_the_new_source()
    {
        var (fixture, origin) = await RepoFromGitAsync();
        using var _ = fixture;
        using var __ = origin;
        var moved = await GitTemplateOrigin.CreateAsync();
        using var ___ = moved;
        await moved.PublishAsync(fixture.V2, "", null, "release-1.1.0");

        var plan = await fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = $"git+{moved.Url}@release-1.1.0" });

        Assert.Equal(TemplateSource.Git(moved.Url, "release-1.1.0"), plan.Target.Source);
        Assert.Equal("1.1.0", plan.Target.Version.ToString());
        Assert.Equal(plan.Target.Source, plan.TargetAnswers.Source);
    }
}

/// <summary>A --to that parses as a version but names a folder of the working directory is that folder.</summary>
[Collection(ProcessEnvironmentAlone.Name)]
public class UpgraderWorkingDirectoryTests
{
    [Fact]
    public async Task A_folder_named_like_a_version_in_the_working_directory_is_a_folder_not_a_version()
    {
        using var fixture = UpgraderFixture.Create("""
            properties:
              name: { type: string, default: demo }
              replicas: { type: integer, default: 2 }
            """, """
            properties:
              name: { type: string, default: demo }
              replicas: { type: integer, default: 2 }
            """, v2Replicas: "replicas");
        await fixture.GenerateAsync();
        UpgradeScenario.CopyTree(fixture.V2, fixture.Combine("cwd", "1.1.0"));
        var saved = Environment.CurrentDirectory;
        Environment.CurrentDirectory = fixture.Combine("cwd");
        try
        {
            var plan = await fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = "1.1.0" });
            Assert.Equal(TemplateSource.Folder("../cwd/1.1.0"), plan.Target.Source);
        }
        finally
        {
            Environment.CurrentDirectory = saved;
        }
    }
}
