using System.Text.Json.Nodes;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// A request the portal refuses, with the HTTP status and Backstage's error name (InputError, NotFoundError, ...).
/// <see cref="ErrorResponses"/> turns it into Backstage's error body, so Backstage's ResponseError reads it.
/// </summary>
internal sealed class ApiException(int status, string name, string message, JsonArray? errors = null) : Exception(Scaffolding.PortalWords.Render(message))
{
    public int Status { get; } = status;

    public string Name { get; } = name;

    /// <summary>Backstage's <c>errors</c> list of JSON Schema validation errors, for invalid parameter values.</summary>
    public JsonArray? Errors { get; } = errors;

    public static ApiException BadRequest(string message, JsonArray? errors = null) => new(400, "InputError", message, errors);

    public static ApiException NotFound(string message) => new(404, "NotFoundError", message);

    public static ApiException Conflict(string message) => new(409, "ConflictError", message);
}
