using System.Text.Json;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>Backstage's task list (<c>GET /v2/tasks</c>): <c>{ tasks, totalTasks }</c>, filtered, paged and ordered.</summary>
public sealed class TaskListTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<List<Guid>> CompletedTasksAsync(int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var id = await Calls.CreateTaskAsync(_server.Client, Calls.HypertraceRef, Calls.PaymentsValues());
            await Calls.EventsUntilCompletionAsync(_server.Client, id);
            ids.Add(id);
        }
        return ids;
    }

    private async Task AssertListsAsync(string query, string[] expected, long total)
    {
        var (ids, actualTotal) = await ListAsync(query);
        Assert.Equal(expected, ids);
        Assert.Equal(total, actualTotal);
    }

    private async Task<(List<string> Ids, long Total)> ListAsync(string query)
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/scaffolder/v2/tasks" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        var list = JsonShape.Object(body, "task list");
        var total = JsonShape.Member(list, "totalTasks", JsonValueKind.Number).GetValue<long>();
        var tasks = JsonShape.Array(list["tasks"], "tasks").Select(t => JsonShape.Object(t, "task")).ToList();
        foreach (var task in tasks)
        {
            JsonShape.Time(task, "createdAt");
            JsonShape.Object(task["spec"], "spec");
            Assert.False(task.ContainsKey("secrets"));
        }
        return (tasks.Select(t => JsonShape.String(t, "id")).ToList(), total);
    }

    [Fact]
    public async Task Lists_the_tasks_newest_first_in_pages_with_the_total()
    {
        var ids = (await CompletedTasksAsync(3)).Select(id => id.ToString("D")).ToList();

        await AssertListsAsync("", [.. Enumerable.Reverse(ids)], 3);
        await AssertListsAsync("?order=asc:created_at", [ids[0], ids[1], ids[2]], 3);
        await AssertListsAsync("?limit=1&offset=1", [ids[1]], 3);
        await AssertListsAsync("?offset=3", [], 3);
    }

    [Fact]
    public async Task Filters_by_status_and_creator()
    {
        var done = (await CompletedTasksAsync(2)).Select(id => id.ToString("D")).ToList();

        await AssertListsAsync("?status=completed", [.. Enumerable.Reverse(done)], 2);
        await AssertListsAsync("?status=failed&status=completed", [.. Enumerable.Reverse(done)], 2);
        await AssertListsAsync("?status=open,processing", [], 0);
        await AssertListsAsync("?createdBy=user:default/someone-else", [], 0);
    }

    [Theory]
    [InlineData("?status=done", "'status' must be one of open, processing, completed, failed, cancelled, not 'done'")]
    [InlineData("?limit=0", "'limit' must be a whole number from 1 to 1000, not '0'")]
    [InlineData("?limit=5000", "'limit' must be a whole number from 1 to 1000, not '5000'")]
    [InlineData("?offset=-1", "'offset' must be a whole number from 0 to 2147483647, not '-1'")]
    [InlineData("?order=name", "'order' must be asc:created_at or desc:created_at, not 'name'")]
    public async Task Refuses_a_query_it_cannot_answer_with_400_and_what_to_change(string query, string message)
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/scaffolder/v2/tasks" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(message, JsonShape.Error(body, 400, "InputError"));
    }
}
