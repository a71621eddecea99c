using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>Created repos are kept for a while and then removed, so the data folder does not grow for ever; tasks stay.</summary>
public sealed class RetentionTests
{
    [Fact]
    public async Task A_repo_older_than_the_retention_is_removed_at_start_and_its_task_stays_with_a_404_that_says_why()
    {
        using var data = new TempFolder("retention");
        Guid old;
        Guid recent;
        await using (var first = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction()), data.Path))
        {
            old = await Calls.CreateTaskAsync(first.Client, "template:default/secret-demo", new JsonObject { ["name"] = "old" });
            await Calls.EventsUntilCompletionAsync(first.Client, old);
            recent = await Calls.CreateTaskAsync(first.Client, "template:default/secret-demo", new JsonObject { ["name"] = "recent" });
            await Calls.EventsUntilCompletionAsync(first.Client, recent);
        }
        var oldRepo = Path.Combine(data.Path, "repos", old.ToString("D"));
        Assert.True(Directory.Exists(oldRepo));
        Directory.SetLastWriteTimeUtc(oldRepo, DateTime.UtcNow - TimeSpan.FromDays(3) - TimeSpan.FromMinutes(1));

        await using var second = await PortalServer.StartAsync(
            o => PortalServer.WithFixtures(o, new GateAction()) with { KeepReposFor = TimeSpan.FromDays(3) }, data.Path);

        Assert.False(Directory.Exists(oldRepo));
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(second.Client, old), "status"));
        var (status, body) = await Calls.GetAsync(second.Client, $"/api/scaffolder/v2/tasks/{old:D}/download");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("is no longer kept", JsonShape.Error(body, 404, "NotFoundError"), StringComparison.Ordinal);
        using var kept = await second.Client.GetAsync($"/api/scaffolder/v2/tasks/{recent:D}/download");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(4000 * 24)]
    public async Task A_retention_outside_one_hour_to_ten_years_is_refused(double hours)
    {
        var error = await Assert.ThrowsAsync<PortalConfigurationException>(() =>
            PortalServer.StartAsync(o => o with { KeepReposFor = TimeSpan.FromHours(hours) }));
        Assert.Contains("created repos must be kept from 1 hour to 3650 days", error.Message, StringComparison.Ordinal);
    }
}
