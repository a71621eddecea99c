namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// What each signed-in user may do, by the groups in their tokens: bob (no group) may look but not run; alice
/// (team-a) runs and manages her own tasks and sees only those; admin (platform) sees and manages everyone's.
/// </summary>
public sealed class AccessTests
{
    private const string Tasks = "/api/scaffolder/v2/tasks";

    [Fact]
    public async Task Each_user_sees_only_their_own_tasks_unless_a_role_lets_them_see_all()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        portal.Flaky.Heal();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var bob = await portal.AsAsync(OrganisationPortal.Bob);
        var admin = await portal.AsAsync(OrganisationPortal.Admin);
        var alicesTask = await Calls.CreateTaskAsync(alice, OrganisationPortal.FlakyRef, OrganisationPortal.Values("alices"));
        var adminsTask = await Calls.CreateTaskAsync(admin, OrganisationPortal.FlakyRef, OrganisationPortal.Values("admins"));
        await Calls.EventsUntilCompletionAsync(alice, alicesTask);
        await Calls.EventsUntilCompletionAsync(admin, adminsTask);

        Assert.Equal([alicesTask], await ListAsync(alice, Tasks));
        Assert.Equal([alicesTask], await ListAsync(alice, Tasks + "?createdBy=user:default/alice"));
        Assert.Empty(await ListAsync(bob, Tasks));
        Assert.Equal(new[] { adminsTask, alicesTask }.Order(), (await ListAsync(admin, Tasks)).Order());
        Assert.Equal([alicesTask], await ListAsync(admin, Tasks + "?createdBy=user:default/alice"));

        await AssertForbiddenAsync(alice, HttpMethod.Get, Tasks + "?createdBy=user:default/admin");
        await AssertForbiddenAsync(bob, HttpMethod.Get, $"{Tasks}/{alicesTask:D}");
        await AssertForbiddenAsync(bob, HttpMethod.Get, $"{Tasks}/{alicesTask:D}/events");
        await AssertForbiddenAsync(bob, HttpMethod.Get, $"{Tasks}/{alicesTask:D}/eventstream");
        await AssertForbiddenAsync(bob, HttpMethod.Get, $"{Tasks}/{alicesTask:D}/download");
        await AssertForbiddenAsync(bob, HttpMethod.Post, $"{Tasks}/{alicesTask:D}/cancel");
        await AssertForbiddenAsync(alice, HttpMethod.Get, $"{Tasks}/{adminsTask:D}");
        using (var own = await alice.GetAsync($"{Tasks}/{alicesTask:D}/download")) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(admin, $"{Tasks}/{alicesTask:D}")).Status);
        using var download = await admin.GetAsync($"{Tasks}/{alicesTask:D}/download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
    }

    [Fact]
    public async Task A_user_whose_groups_allow_no_run_may_look_at_templates_but_gets_403_when_running_one()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var bob = await portal.AsAsync(OrganisationPortal.Bob);

        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(bob, "/api/kafka-templates/templates")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Calls.GetAsync(bob, "/api/scaffolder/v2/templates/default/template/flaky-demo/parameter-schema")).Status);
        var (status, body) = await Calls.PostAsync(bob, Tasks, new JsonObject
        {
            ["templateRef"] = OrganisationPortal.FlakyRef,
            ["values"] = OrganisationPortal.Values("bobs"),
        });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("not allowed", JsonShape.Error(body, 403, "NotAllowedError"));
        Assert.Empty(await ListAsync(await portal.AsAsync(OrganisationPortal.Admin), Tasks));
    }

    [Fact]
    public async Task A_user_may_cancel_their_own_task_and_one_with_cancel_any_may_cancel_anyones()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        var admin = await portal.AsAsync(OrganisationPortal.Admin);
        // Failed tasks end at once; cancelling one that ended answers its status, which is enough to see who may ask.
        var first = await Calls.CreateTaskAsync(alice, OrganisationPortal.FlakyRef, OrganisationPortal.Values("first"));
        await Calls.EventsUntilCompletionAsync(alice, first);

        var (own, ownBody) = await Calls.PostAsync(alice, $"{Tasks}/{first:D}/cancel", null);
        var (any, anyBody) = await Calls.PostAsync(admin, $"{Tasks}/{first:D}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, own);
        Assert.Equal("failed", ownBody!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, any);
        Assert.Equal("failed", anyBody!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Behind_a_tls_proxy_the_pages_own_origin_is_its_public_url_and_other_origins_stay_refused()
    {
        await using var portal = await OrganisationPortal.StartAsync(publicUrl: new Uri("https://portal.example.com"));
        var alice = await portal.AsAsync(OrganisationPortal.Alice);
        portal.Flaky.Heal();

        foreach (var (origin, expected) in new[] { ("https://portal.example.com", HttpStatusCode.Created), ("https://elsewhere.example.com", HttpStatusCode.Forbidden) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Tasks)
            {
                Content = JsonContent.Create(new JsonObject { ["templateRef"] = OrganisationPortal.FlakyRef, ["values"] = OrganisationPortal.Values("proxied") }),
            };
            request.Headers.Add("Origin", origin);
            using var response = await alice.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    internal static async Task<List<Guid>> ListAsync(HttpClient client, string url)
    {
        var (status, body) = await Calls.GetAsync(client, url);
        Assert.True(status == HttpStatusCode.OK, $"GET {url}: {(int)status} {body?.ToJsonString()}");
        var tasks = JsonShape.Array(JsonShape.Object(body, "list")["tasks"], "tasks");
        Assert.Equal(tasks.Count, body!["totalTasks"]!.GetValue<int>());
        return [.. tasks.Select(t => Guid.Parse(t!["id"]!.GetValue<string>()))];
    }

    private static async Task AssertForbiddenAsync(HttpClient client, HttpMethod method, string url)
    {
        var (status, body) = await Calls.SendAsync(client, method, url);
        Assert.True(status == HttpStatusCode.Forbidden, $"{method} {url}: expected 403, got {(int)status} {body?.ToJsonString()}");
        Assert.Equal("not allowed", JsonShape.Error(body, 403, "NotAllowedError"));
    }
}
