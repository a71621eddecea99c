using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/scaffolder/v2/tasks/{id}/download</c> (the portal's addition): a completed task's repo as a zip, the
/// files under a folder named after the <c>name</c> answer, with their unix modes.
/// </summary>
internal static class DownloadEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/v2/tasks/{id}/download", (string id, TaskService tasks) =>
        {
            var task = tasks.Get(id);
            return Results.File(tasks.RepoZip(task), "application/zip", RepoArchive.FolderOf(task) + ".zip");
        });
}
