using System.Text;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>Reads a task's server-sent events until the server ends the stream (it does after the completion event).</summary>
internal static class EventStream
{
    public sealed record Event(long Id, string Type, JsonObject Data);

    public static async Task<List<Event>> ReadAsync(HttpClient client, Guid id, long? after = null)
    {
        using var guard = new CancellationTokenSource(Calls.Guard);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/scaffolder/v2/tasks/{id:D}/eventstream" + (after is null ? "" : $"?after={after}"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, guard.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(guard.Token), Encoding.UTF8);
        var events = new List<Event>();
        var fields = new Dictionary<string, string>();
        while (await reader.ReadLineAsync(guard.Token) is { } line)
        {
            if (line.Length > 0)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                fields[line[..colon]] = line[(colon + 1)..].TrimStart();
                continue;
            }
            events.Add(new Event(long.Parse(fields["id"], System.Globalization.CultureInfo.InvariantCulture), fields["event"], JsonShape.Object(JsonNode.Parse(fields["data"]), "event data")));
            fields.Clear();
        }
        Assert.Empty(fields);
        return events;
    }
}
