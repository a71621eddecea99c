using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.Faults;

/// <summary>
/// List, then watch from the list's resourceVersion, and keep watching across dropped connections and server-side
/// watch timeouts by resuming from the last resourceVersion seen (bookmarks included). When the server has
/// compacted that version away (410 Gone) it lists again. So no event between the drop and the resume is lost.
/// </summary>
internal sealed class ResumableWatch(KubeApi api, string collectionPath, RetryPolicy retry, Action<string>? onResume)
{
    /// <summary>Seconds the server may keep one watch open; shorter than any proxy's idle timeout.</summary>
    public int ServerTimeoutSeconds { get; init; } = 240;

    /// <summary>Watches until <paramref name="onEvent"/> (or <paramref name="onList"/>) returns true, or cancellation.</summary>
    public async Task RunAsync(Func<JsonObject, bool> onList, Func<WatchEvent, bool> onEvent, CancellationToken cancellationToken)
    {
        var list = await api.ListAsync(collectionPath, null, cancellationToken);
        if (onList(list)) return;
        var resourceVersion = list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        var drops = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var expired = false;
            try
            {
                var query = $"resourceVersion={Uri.EscapeDataString(resourceVersion)}&allowWatchBookmarks=true&timeoutSeconds={ServerTimeoutSeconds}";
                await foreach (var e in api.WatchAsync(collectionPath, query, cancellationToken))
                {
                    drops = 0;
                    if (e.Type == "ERROR")
                    {
                        var code = e.Object["code"]?.GetValue<int>();
                        if (code == (int)HttpStatusCode.Gone)
                        {
                            expired = true;
                            break;
                        }
                        throw new KubeApiException($"WATCH {collectionPath}", (HttpStatusCode)(code ?? 500), KubeApi.ParseStatus(e.Object.ToJsonString()));
                    }
                    if (e.ResourceVersion is { Length: > 0 } seen) resourceVersion = seen;
                    if (e.Type == "BOOKMARK") continue;
                    if (onEvent(e)) return;
                }
                if (!expired) onResume?.Invoke($"the watch ended; resuming from resourceVersion {resourceVersion}");
            }
            catch (Exception e) when (IsDrop(e) && !cancellationToken.IsCancellationRequested)
            {
                drops++;
                if (drops >= retry.MaxAttempts) throw new ClusterUnreachableException($"the watch of {collectionPath} kept dropping: {RetryHandler.Describe(e)}", e);
                onResume?.Invoke($"the watch connection dropped ({RetryHandler.Describe(e)}); resuming from resourceVersion {resourceVersion}");
                await retry.Delay(retry.Backoff(drops), cancellationToken);
            }

            if (expired)
            {
                onResume?.Invoke($"resourceVersion {resourceVersion} has expired; listing again");
                list = await api.ListAsync(collectionPath, null, cancellationToken);
                if (onList(list)) return;
                resourceVersion = list["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
            }
        }
    }

    private static bool IsDrop(Exception e) => e is IOException or HttpRequestException or ClusterUnreachableException or JsonException;
}
