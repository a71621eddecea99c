using System.Text.Json.Nodes;
using k8s;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Connection;

/// <summary>
/// Asks the server what it is and what it serves: /version, /api, /api/v1, /apis and /apis/&lt;group&gt;/&lt;version&gt;.
/// The result drives rendering (--api-versions, --kube-version) and maps every rendered kind to its REST path.
/// </summary>
internal static class ApiDiscovery
{
    public static async Task<ClusterCapabilities> DiscoverAsync(ClusterConnection connection, CancellationToken cancellationToken)
    {
        var version = await TypedCall.RunAsync("GET /version", () => connection.Client.Version.GetCodeAsync(cancellationToken));
        var gitVersion = version.GitVersion is { Length: > 0 } g ? g : $"v{version.Major}.{version.Minor?.TrimEnd('+')}.0";
        if (!KubeVersion.TryParse(gitVersion, out var serverVersion))
            serverVersion = KubeVersion.Parse($"{version.Major}.{version.Minor?.TrimEnd('+')}");

        var api = connection.Api;
        var groupVersions = new List<string>();
        var core = await api.ListAsync("api", null, cancellationToken);
        groupVersions.AddRange((core["versions"] as JsonArray ?? []).Select(v => v!.GetValue<string>()));
        var groups = await api.ListAsync("apis", null, cancellationToken);
        foreach (var group in (groups["groups"] as JsonArray ?? []).OfType<JsonObject>())
            groupVersions.AddRange((group["versions"] as JsonArray ?? []).OfType<JsonObject>().Select(v => v["groupVersion"]!.GetValue<string>()));

        var resources = new List<ApiResource>();
        var unavailable = new List<string>();
        // Groups are independent: ask a few at a time, as kubectl does.
        using var gate = new SemaphoreSlim(6);
        var lists = await Task.WhenAll(groupVersions.Distinct().Select(async gv =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var path = gv.Contains('/', StringComparison.Ordinal) ? $"apis/{gv}" : $"api/{gv}";
                return (gv, list: (JsonObject?)await api.ListAsync(path, null, cancellationToken));
            }
            catch (Exception e) when (e is KubeApiException or ClusterUnreachableException)
            {
                // An aggregated API that is down (metrics.k8s.io is the usual one) must not stop an install that does not use it.
                return (gv, list: null);
            }
            finally
            {
                gate.Release();
            }
        }));

        foreach (var (gv, list) in lists)
        {
            if (list is null)
            {
                unavailable.Add(gv);
                continue;
            }
            var slash = gv.IndexOf('/', StringComparison.Ordinal);
            var group = slash < 0 ? "" : gv[..slash];
            var ver = slash < 0 ? gv : gv[(slash + 1)..];
            foreach (var r in (list["resources"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = r["name"]?.GetValue<string>() ?? "";
                if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal)) continue; // subresources
                resources.Add(new ApiResource(group, ver, r["kind"]?.GetValue<string>() ?? "", name, r["namespaced"]?.GetValue<bool>() ?? false));
            }
        }
        return new ClusterCapabilities(serverVersion, gitVersion, resources, unavailable);
    }
}
