using System.Text;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// The chart keeps its KRaft cluster id in a Secret and reads it back with `lookup`, which `helm template` cannot do:
/// it would generate a new id on every render, and a running cluster's volumes are formatted with the old one. So
/// the installer does the lookup itself: it reads the release's identity Secret and pins its id for the render,
/// and refuses, as the chart does under helm, an explicit id or a controller set that differs from the running one.
/// </summary>
internal static class KraftIdentity
{
    public const string ClusterIdKey = "cluster-id";
    public const string InitialControllersKey = "initial-controllers";
    public const string ClusterIdValue = "kraft.clusterId";

    /// <summary>The rendered Secret that holds the cluster id, if the chart has one.</summary>
    public static Manifest? FindSecret(IEnumerable<Manifest> objects) =>
        objects.FirstOrDefault(m => m.Ref is { Kind: "Secret", ApiVersion: "v1" } && m.Body["data"]?[ClusterIdKey] is not null);

    public static string? Read(JsonObject? secret, string key)
    {
        var encoded = secret?["data"]?[key]?.GetValue<string>();
        if (encoded is null) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>kraft.clusterId as the values files set it (the last file that sets it wins, as in helm), or null.</summary>
    public static string? ExplicitClusterId(DeploymentRepo repo, IEnumerable<string> valuesFiles)
    {
        var id = ClusterId(MergedValues.Of(repo, valuesFiles));
        return string.IsNullOrEmpty(id) ? null : id;
    }

    private static string? ClusterId(JsonObject values) =>
        values["kraft"] is JsonObject kraft && kraft.ContainsKey("clusterId") ? kraft["clusterId"]?.ToString() ?? "" : null;
}
