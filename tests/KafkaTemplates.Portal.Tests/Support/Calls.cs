using System.Net.Http.Headers;
using System.Text;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>The calls tests make, as a Backstage frontend makes them, with the JSON answers parsed.</summary>
internal static class Calls
{
    public const string HypertraceRef = "template:default/hypertrace-kafka";

    /// <summary>Guards every wait for a server: a failure, never a measurement.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(HttpClient client, string url) => SendAsync(client, HttpMethod.Get, url);

    public static Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(HttpClient client, string url, JsonNode? body) => SendAsync(client, HttpMethod.Post, url, body);

    /// <summary>Creates a task and returns its id; fails the test unless the portal answered 201.</summary>
    public static async Task<Guid> CreateTaskAsync(HttpClient client, string templateRef, JsonObject values, JsonObject? secrets = null)
    {
        var body = new JsonObject { ["templateRef"] = templateRef, ["values"] = values };
        if (secrets is not null) body["secrets"] = secrets;
        var (status, answer) = await PostAsync(client, "/api/scaffolder/v2/tasks", body);
        Assert.True(status == HttpStatusCode.Created, $"expected 201, got {(int)status}: {answer?.ToJsonString()}");
        return Guid.ParseExact(JsonShape.String(JsonShape.Object(answer, "created task"), "id"), "D");
    }

    /// <summary>All of a task's events up to its completion, read by long-polling GET .../events as Backstage can.</summary>
    public static async Task<List<JsonObject>> EventsUntilCompletionAsync(HttpClient client, Guid id)
    {
        using var guard = new CancellationTokenSource(Guard);
        var events = new List<JsonObject>();
        long? after = null;
        while (true)
        {
            guard.Token.ThrowIfCancellationRequested();
            var (status, body) = await GetAsync(client, $"/api/scaffolder/v2/tasks/{id:D}/events" + (after is null ? "" : $"?after={after}"));
            Assert.Equal(HttpStatusCode.OK, status);
            foreach (var e in JsonShape.Array(body, "events").Select(e => JsonShape.Object(e, "event")))
            {
                if (JsonShape.String(e, "type") == "completion")
                {
                    events.Add(e);
                    return events;
                }
                events.Add(e);
                after = e["id"]!.GetValue<long>();
            }
        }
    }

    public static async Task<JsonObject> TaskAsync(HttpClient client, Guid id)
    {
        var (status, body) = await GetAsync(client, $"/api/scaffolder/v2/tasks/{id:D}");
        Assert.Equal(HttpStatusCode.OK, status);
        return JsonShape.Object(body, "task");
    }

    /// <summary>The hypertrace-kafka answers most tests use.</summary>
    public static JsonObject PaymentsValues() => new()
    {
        ["name"] = "payments-kafka",
        ["owner"] = "payments",
        ["brokers"] = 5,
        ["controllerLayout"] = "dedicated",
        ["ci"] = "gitlab",
    };

    public static MediaTypeHeaderValue Json => new("application/json");
}
