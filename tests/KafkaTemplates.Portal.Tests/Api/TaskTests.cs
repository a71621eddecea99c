using System.Text.Json;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>Tasks of the shipped template, from creation to download, as Backstage's frontend drives them.</summary>
public sealed class TaskTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_task_runs_to_completion_and_is_served_as_a_serialized_task()
    {
        var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, Calls.PaymentsValues());
        var events = await Calls.EventsUntilCompletionAsync(_server.Client, id);
        var task = await Calls.TaskAsync(_server.Client, id);

        Assert.Equal(id.ToString("D"), JsonShape.String(task, "id"));
        Assert.Equal("completed", JsonShape.String(task, "status"));
        var created = JsonShape.Time(task, "createdAt");
        Assert.True(JsonShape.Time(task, "lastHeartbeatAt") >= created);
        Assert.False(task.ContainsKey("secrets"));
        var spec = JsonShape.Object(task["spec"], "spec");
        Assert.Equal("scaffolder.backstage.io/v1beta3", JsonShape.String(spec, "apiVersion"));
        Assert.Equal(["fetch-base", "fetch-catalog", "fetch-catalog-github", "fetch-catalog-gitlab", "fetch-github", "fetch-gitlab", "publish-github", "publish-gitlab", "register"], JsonShape.Array(spec["steps"], "steps").Select(s => s!["id"]!.GetValue<string>()));
        JsonShape.Member(spec, "output", JsonValueKind.Object);
        JsonShape.Member(spec, "user", JsonValueKind.Object);
        Assert.Equal(Calls.HypertraceRef, JsonShape.String(JsonShape.Object(spec["templateInfo"], "templateInfo"), "entityRef"));
        var parameters = JsonShape.Object(spec["parameters"], "parameters");
        Assert.Equal("payments-kafka", parameters["name"]!.GetValue<string>());
        Assert.Equal("20Gi", parameters["storageSize"]!.GetValue<string>()); // defaults applied

        var ids = new List<long>();
        foreach (var e in events)
        {
            ids.Add(JsonShape.Member(e, "id", JsonValueKind.Number).GetValue<long>());
            Assert.Equal(id.ToString("D"), JsonShape.String(e, "taskId"));
            JsonShape.String(JsonShape.Object(e["body"], "body"), "message");
            Assert.Contains(JsonShape.String(e, "type"), new[] { "log", "completion" });
            JsonShape.Time(e, "createdAt");
        }
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var completion = events[^1];
        Assert.Equal("completion", completion["type"]!.GetValue<string>());
        Assert.Equal("Run completed with status: completed", completion["body"]!["message"]!.GetValue<string>());
        var links = completion["body"]!["output"]!["links"]!.AsArray();
        Assert.Contains(links, l => l!["url"]?.GetValue<string>() == $"/api/scaffolder/v2/tasks/{id:D}/download");
        Assert.Contains(events, e => e["body"]!["stepId"]?.GetValue<string>() == "validate" && e["body"]!["status"]?.GetValue<string>() == "completed");
    }

    [Fact]
    public async Task The_downloaded_zip_holds_the_engines_files_with_their_modes_under_the_repo_name()
    {
        var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, Calls.PaymentsValues());
        await Calls.EventsUntilCompletionAsync(_server.Client, id);

        using var response = await _server.Client.GetAsync($"/api/scaffolder/v2/tasks/{id:D}/download");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("payments-kafka.zip", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var files = Reference.ZipFiles(await response.Content.ReadAsByteArrayAsync(), out var top);
        Assert.Equal("payments-kafka", top);
        Reference.AssertSame(await Reference.EngineFilesAsync("hypertrace-kafka", Calls.PaymentsValues()), files);
        Assert.Contains(files, f => f.Mode == RepoFileMode.Executable);
    }

    [Fact]
    public async Task The_event_stream_sends_each_event_as_a_server_sent_event_and_honours_after()
    {
        var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, Calls.PaymentsValues());
        var all = await EventStream.ReadAsync(_server.Client, id);
        Assert.Equal("completion", all[^1].Type);
        Assert.All(all, e => Assert.Equal(e.Type, e.Data["type"]!.GetValue<string>()));
        Assert.All(all, e => Assert.Equal(e.Id, e.Data["id"]!.GetValue<long>()));
        var polled = await Calls.EventsUntilCompletionAsync(_server.Client, id);
        Assert.Equal(polled.Select(p => p["id"]!.GetValue<long>()), all.Select(e => e.Id));

        var middle = all[all.Count / 2].Id;
        var rest = await EventStream.ReadAsync(_server.Client, id, after: middle);
        Assert.Equal(all.Where(e => e.Id > middle).Select(e => e.Id), rest.Select(e => e.Id));

        // After the last event, only the completion event remains, as in Backstage.
        var last = await EventStream.ReadAsync(_server.Client, id, after: all[^1].Id);
        Assert.Equal("completion", Assert.Single(last).Type);
    }

    [Fact]
    public async Task Invalid_values_are_refused_before_a_task_exists()
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/tasks", new JsonObject
        {
            ["templateRef"] = Calls.HypertraceRef,
            ["values"] = new JsonObject { ["name"] = "payments", ["brokers"] = "three", ["ci"] = "jenkins" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = JsonShape.Error(body, 400, "InputError");
        Assert.Contains("brokers", message, StringComparison.Ordinal);
        Assert.Contains("ci", message, StringComparison.Ordinal);
        Assert.Equal(["brokers:type", "ci:enum"], body!["errors"]!.AsArray().Select(e => $"{e!["parameter"]}:{e["name"]}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("template:default/no-such-template", 404)]
    [InlineData("component:default/hypertrace-kafka", 404)]
    [InlineData("template:default/a/b", 400)]
    [InlineData("", 400)]
    public async Task A_template_reference_must_name_a_catalog_template(string templateRef, int expected)
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/tasks",
            new JsonObject { ["templateRef"] = templateRef, ["values"] = Calls.PaymentsValues() });

        Assert.Equal(expected, (int)status);
        JsonShape.Error(body, expected, expected == 404 ? "NotFoundError" : "InputError");
    }

    [Theory]
    [InlineData("/api/scaffolder/v2/tasks/7d444840-9dc0-11d1-b245-5ffdce74fad2")]
    [InlineData("/api/scaffolder/v2/tasks/not-a-task/events")]
    [InlineData("/api/scaffolder/v2/tasks/7D444840-9DC0-11D1-B245-5FFDCE74FAD2/eventstream")]
    [InlineData("/api/scaffolder/v2/tasks/..%2F..%2Fportal.db/download")]
    [InlineData("/api/scaffolder/v2/tasks/%2e%2e/download")]
    [InlineData("/api/scaffolder/v2/no-such-endpoint")]
    public async Task Unknown_tasks_and_paths_are_not_found_and_never_reach_the_data_folder(string url)
    {
        var (status, body) = await Calls.GetAsync(_server.Client, url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        JsonShape.Error(body, 404, "NotFoundError");
    }

    [Fact]
    public async Task The_install_switch_is_reported_as_not_carried_out_since_the_portal_has_no_cluster_access()
    {
        var values = Calls.PaymentsValues();
        values["install"] = true;
        var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, values);

        var events = await Calls.EventsUntilCompletionAsync(_server.Client, id);

        Assert.Contains(events, e => e["body"]!["message"]!.GetValue<string>().StartsWith("install is true, but the portal installs nothing", StringComparison.Ordinal));
        Assert.Equal("completed", JsonShape.String(await Calls.TaskAsync(_server.Client, id), "status"));
    }

    [Fact]
    public async Task After_must_be_an_event_id()
    {
        var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, Calls.PaymentsValues());

        var (status, body) = await Calls.GetAsync(_server.Client, $"/api/scaffolder/v2/tasks/{id:D}/events?after=-1");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'after'", JsonShape.Error(body, 400, "InputError"), StringComparison.Ordinal);
    }
}
