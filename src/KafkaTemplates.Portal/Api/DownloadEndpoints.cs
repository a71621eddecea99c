using System.Globalization;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// <c>GET /api/scaffolder/v2/tasks/{id}/download</c> (the portal's addition): a completed task's repo as a zip, the
/// files under a folder named after the <c>name</c> answer, with their unix modes.
/// </summary>
internal static partial class DownloadEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/v2/tasks/{id}/download", (string id, TaskService tasks) =>
        {
            var task = tasks.Get(id);
            var files = FileSet.FromDirectory(tasks.RepoFolder(task));
            var folder = task.Spec["parameters"]?["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                         && task.Spec["parameters"]!["name"]!.GetValue<string>() is { } name && SafeName().IsMatch(name)
                ? name
                : task.Id.ToString("D");
            var created = DateTimeOffset.Parse(task.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return Results.File(RepoArchive.Create(files, folder, created), "application/zip", folder + ".zip");
        });

    /// <summary>A folder name that is safe on every system: what DNS-1123 labels allow.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex SafeName();
}
