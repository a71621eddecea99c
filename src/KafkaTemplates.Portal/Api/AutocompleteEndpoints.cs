using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>POST /api/scaffolder/v2/autocomplete/{provider}/{resource}</c>: Backstage answers a provider it has no handler
/// for with 400 "Unsupported provider"; the portal has none (its templates use no autocompleting picker), so it answers
/// every call that way rather than with a 404 a client would take for a missing portal.
/// </summary>
internal static class AutocompleteEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/v2/autocomplete/{provider}/{resource}", Refuse);

    private static Microsoft.AspNetCore.Http.IResult Refuse(string provider) =>
        throw ApiException.BadRequest($"Unsupported provider: {provider}; the portal has no autocomplete providers");
}
