using System.Net;
using KafkaTemplates.Portal.Api;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Keeps web pages of other sites away from a portal on loopback. The Host header must name a loopback host (else a
/// DNS-rebinding page could talk to it under its own name), and a POST that carries an Origin must come from the
/// portal's own origin (else any page could cancel tasks). Clients other than browsers send no Origin and pass.
/// </summary>
internal static class RequestGuards
{
    /// <param name="publicOrigin">The origin browsers reach the portal at through a TLS-terminating proxy (its page's
    /// requests carry that origin, not the http one the portal sees), or null.</param>
    public static async Task CheckAsync(HttpContext context, Func<Task> next, bool loopbackOnly, string? publicOrigin = null)
    {
        if (loopbackOnly && !IsLoopbackHost(context.Request.Host.Host))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "InputError",
                $"the portal listens on loopback and answers only requests for localhost, 127.0.0.1 or [::1], not '{context.Request.Host.Host}'");
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.Request.Headers.Origin is { Count: > 0 } origin
            && !string.Equals(origin.ToString(), $"{context.Request.Scheme}://{context.Request.Host}", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(origin.ToString(), publicOrigin, StringComparison.OrdinalIgnoreCase))
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status403Forbidden, "NotAllowedError",
                $"requests from the page at {origin} are not allowed; use the portal's own page or a client that is not a browser");
            return;
        }
        await next();
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
