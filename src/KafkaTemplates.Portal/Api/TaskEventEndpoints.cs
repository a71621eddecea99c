using System.Globalization;
using System.Text;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// A task's events, as Backstage serves them: <c>GET .../eventstream</c> sends each as a server-sent event
/// (<c>id</c>, <c>event: &lt;type&gt;</c>, <c>data: &lt;SerializedTaskEvent&gt;</c>) and ends after the completion event;
/// <c>GET .../events</c> long-polls, answering with the first batch of new events, or [] after the poll timeout.
/// Both take <c>after</c> (an event id) and, as Backstage does, always include the completion event.
/// </summary>
internal static class TaskEventEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/v2/tasks/{id}/eventstream", async (HttpContext context, string id, TaskService tasks, StreamLifetime streams) =>
        {
            var task = tasks.Get(id);
            // A browser's EventSource reconnects with the last id it saw; resume there rather than replay the log.
            var after = After(context.Request.Query["after"]) ?? After(context.Request.Headers["Last-Event-ID"]);
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            await context.Response.StartAsync(context.RequestAborted);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, streams.Closing);
            try
            {
                while (true)
                {
                    var signal = tasks.Hub.Signal(task.Id);
                    var done = false;
                    var text = new StringBuilder();
                    var batch = tasks.Store.Events(task.Id, after);
                    foreach (var e in batch)
                    {
                        text.Append("id: ").Append(e.Id).Append("\nevent: ").Append(e.Type).Append("\ndata: ").Append(JsonResponses.Serialize(e.ToJson())).Append("\n\n");
                        after = Math.Max(after ?? 0, e.Id);
                        // A retried task's earlier completion is followed by its recovered event: the stream goes on.
                        done |= e.IsCompletion && !batch.Any(later => later.Id > e.Id && later.Type == TaskEventType.Recovered);
                    }
                    if (text.Length > 0)
                    {
                        await context.Response.WriteAsync(text.ToString(), stop.Token);
                        await context.Response.Body.FlushAsync(stop.Token);
                    }
                    if (done)
                    {
                        tasks.Hub.Forget(task.Id);
                        return;
                    }
                    await signal.WaitAsync(stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The client left, or the server is stopping: the stream just ends.
            }
        });

        api.MapGet("/v2/tasks/{id}/events", async (HttpContext context, string id, TaskService tasks, StreamLifetime streams, PortalOptions options) =>
        {
            var task = tasks.Get(id);
            var after = After(context.Request.Query["after"]);
            var signal = tasks.Hub.Signal(task.Id);
            var events = tasks.Store.Events(task.Id, after);
            if (events.Count == 0)
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, streams.Closing);
                stop.CancelAfter(options.EventsPollTimeout);
                try
                {
                    await signal.WaitAsync(stop.Token);
                    events = tasks.Store.Events(task.Id, after);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // Nothing new in time: an empty list, and the client asks again.
                }
            }
            if (events.Any(e => e.IsCompletion && !events.Any(later => later.Id > e.Id && later.Type == TaskEventType.Recovered))) tasks.Hub.Forget(task.Id);
            return JsonResponses.Json(new System.Text.Json.Nodes.JsonArray([.. events.Select(e => (System.Text.Json.Nodes.JsonNode)e.ToJson())]));
        });
    }

    private static long? After(StringValues value)
    {
        if (StringValues.IsNullOrEmpty(value)) return null;
        if (long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var after)) return after;
        throw ApiException.BadRequest($"'after' must be an event id (a whole number), not '{value}'");
    }
}
