using KafkaTemplates.Portal.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Turns every failure into Backstage's error body: refusals with their status, Kestrel's own refusals (413 for an
/// oversize body) with theirs, and anything unexpected as a 500 that names the fault but not its details.
/// </summary>
internal static partial class ErrorHandling
{
    public static async Task HandleAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        try
        {
            await next();
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await ErrorResponses.WriteAsync(context, e.Status, e.Name, e.Message, e.Errors);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than the portal accepts ({context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes)"
                : e.Message;
            await ErrorResponses.WriteAsync(context, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? "PayloadTooLargeError" : "InputError", message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client left; there is nobody to answer.
        }
#pragma warning disable CA1031 // The last line of defence: the client gets a JSON error, the log gets the fault.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            // The message may quote a request value (a secret, even), so only the fault's type and stack are logged.
            LogUnexpected(logger, context.Request.Method, context.Request.Path, e.GetType().FullName, e.StackTrace);
            await ErrorResponses.WriteAsync(context, StatusCodes.Status500InternalServerError, "Error",
                $"internal error ({e.GetType().Name}); the server log has the details");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Path} failed with {Fault}\n{Stack}")]
    private static partial void LogUnexpected(ILogger logger, string method, string? path, string? fault, string? stack);
}
