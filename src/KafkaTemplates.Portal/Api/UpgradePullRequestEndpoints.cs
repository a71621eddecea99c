using System.Text.Json.Nodes;
using KafkaTemplates.Portal.Access;
using KafkaTemplates.Portal.Tasks;
using KafkaTemplates.Upgrades;
using KafkaTemplates.UseCases.Upgrade.PullRequests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>POST /api/kafka-templates/upgrade-pull-requests</c> (<c>{ repos: [url or repoUrl, ...], to?, set?: { name: value }, parallel? }</c>
/// → 201 <c>{ id }</c>): the fleet upgrade of <c>kafka-templates upgrade --pull-request</c> as a task, with the portal's
/// own host tokens, followed like any task (<c>/v2/tasks/{id}/events</c>: one step per repository). Only repositories
/// on the hosts the portal has tokens for are taken, and every one is checked before the task exists. The caller needs
/// the <c>upgrade-repos</c> permission.
/// </summary>
internal static class UpgradePullRequestEndpoints
{
    /// <summary>Repositories one request may list; more are refused so one call cannot queue hours of work unseen.</summary>
    public const int MaxRepos = 5000;

    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/upgrade-pull-requests", async (HttpContext context, UpgradePullRequests fleet, TaskService tasks) =>
        {
            var body = await JsonBody.ReadObjectAsync(context.Request);
            var repos = body["repos"] is JsonArray list && list.All(r => r is JsonValue v && v.TryGetValue<string>(out _))
                ? list.Select(r => r!.GetValue<string>()).ToList()
                : throw ApiException.BadRequest("'repos' is required: a list of repository URLs, such as [\"https://github.com/acme/payments-kafka\"]");
            if (repos.Count > MaxRepos) throw ApiException.BadRequest($"'repos' lists {repos.Count} repositories; send at most {MaxRepos} a request");
            var parallel = body["parallel"] switch
            {
                null => UpgradePullRequestsRequest.DefaultParallel,
                JsonValue v when v.TryGetValue<int>(out var n) && n is >= 1 and <= UpgradePullRequestsRequest.MaxParallel => n,
                _ => throw ApiException.BadRequest($"'parallel' must be a whole number from 1 to {UpgradePullRequestsRequest.MaxParallel}"),
            };
            var set = JsonBody.OptionalObject(body, "set").Select(s => s.Value is JsonValue v && v.TryGetValue<string>(out var text)
                ? KeyValuePair.Create(s.Key, text)
                : throw ApiException.BadRequest($"'set.{s.Key}' must be a string, as --set takes it")).ToList();
            var request = new UpgradePullRequestsRequest { Repos = repos, To = JsonBody.OptionalString(body, "to"), Set = set, Parallel = parallel };
            IReadOnlyList<string> resolved;
            try
            {
                resolved = [.. fleet.Resolve(request).Select(r => r.Display)];
            }
            catch (UpgradeException e)
            {
                throw ApiException.BadRequest(e.Message);
            }
            var id = tasks.CreateUpgrade(request, resolved, AccessGate.UserOf(context).Owner);
            context.Response.Headers.Location = $"/api/scaffolder/v2/tasks/{id:D}";
            return JsonResponses.Json(new JsonObject { ["id"] = id.ToString("D") }, StatusCodes.Status201Created);
        });
}
