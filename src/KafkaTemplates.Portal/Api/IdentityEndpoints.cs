using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Access;
using KafkaTemplates.Portal.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/kafka-templates/me</c>: who the caller is to the portal, <c>{ userEntityRef }</c> (null without
/// sign-in), so the page can show it and a client can list its own tasks; and <c>POST /signout</c>, which ends the
/// page's session.
/// </summary>
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder app, bool signInOn)
    {
        app.MapGet("/api/kafka-templates/me", (HttpContext context) =>
            JsonResponses.Json(new JsonObject { ["userEntityRef"] = AccessGate.UserOf(context).Owner }));
        if (signInOn) app.MapPost("/signout", SignInSetup.SignOutAsync);
    }
}
