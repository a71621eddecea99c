using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the task store answers too), open to anyone even with
/// sign-in on, for probes and load balancers; they say <c>ok</c> or <c>unavailable</c> and nothing else.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => JsonResponses.Json(new JsonObject { ["status"] = "ok" }));
        app.MapGet("/readyz", (TaskStore store) =>
        {
            bool ready;
            try
            {
                store.Get(Guid.Empty);
                ready = true;
            }
#pragma warning disable CA1031 // Any fault of the store means not ready; the probe must not learn which.
            catch (Exception)
#pragma warning restore CA1031
            {
                ready = false;
            }
            return JsonResponses.Json(new JsonObject { ["status"] = ready ? "ok" : "unavailable" },
                ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
    }
}
