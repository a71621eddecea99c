using System.Net;
using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// The StorageClass the data volumes ask for exists, unless the chart creates it; with no class named, the cluster
/// has a default one. Otherwise the PVCs stay Pending and the rollout never finishes.
/// </summary>
internal static class StorageClassCheck
{
    public const string Name = "StorageClass";

    private static readonly ApiResource StorageClasses = new("storage.k8s.io", "v1", "StorageClass", "storageclasses", false);

    public static async Task RunAsync(PreflightContext context, PreflightReport report, CancellationToken cancellationToken)
    {
        var claims = context.Objects
            .Where(o => o.Ref.Kind == "StatefulSet")
            .SelectMany(o => (o.Body["spec"]?["volumeClaimTemplates"] as JsonArray ?? []).OfType<JsonObject>().Select(t => (Owner: o.Ref.Name, Class: t["spec"]?["storageClassName"])))
            .Concat(context.Objects.Where(o => o.Ref.Kind == "PersistentVolumeClaim").Select(o => (Owner: o.Ref.Name, Class: o.Body["spec"]?["storageClassName"])))
            .ToList();
        if (claims.Count == 0)
        {
            report.Pass(Name);
            return;
        }

        var created = context.Objects.Where(o => o.Ref.Kind == "StorageClass").Select(o => o.Ref.Name).ToHashSet(StringComparer.Ordinal);
        JsonObject list;
        try
        {
            list = await context.Connection.Api.ListAsync(StorageClasses.CollectionPath(null), null, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            report.Warning(Name, "cannot list StorageClasses (no cluster-scope permission), so the data volumes' class was not checked");
            return;
        }

        var classes = (list["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var names = classes.Select(c => c["metadata"]?["name"]?.GetValue<string>() ?? "").ToList();
        var defaults = classes.Where(IsDefault).Select(c => c["metadata"]?["name"]?.GetValue<string>() ?? "").ToList();
        var available = names.Count == 0 ? "the cluster has none" : $"the cluster has {string.Join(", ", names.Select(n => defaults.Contains(n) ? n + " (default)" : n))}";
        var ok = true;
        foreach (var wanted in claims.Select(c => c.Class?.GetValue<string>()).Distinct())
        {
            if (wanted is null)
            {
                if (defaults.Count > 0) continue;
                ok = false;
                report.Error(Name, $"the data volumes name no StorageClass and the cluster has no default one ({available}): they would stay Pending",
                    "set persistence.storageClass in helm/values.yaml to one of the cluster's classes, or have the chart create one (storageClass.create)");
            }
            else if (wanted.Length > 0 && !created.Contains(wanted) && !names.Contains(wanted))
            {
                ok = false;
                report.Error(Name, $"StorageClass '{wanted}' does not exist ({available}): the data volumes would stay Pending",
                    "set persistence.storageClass in helm/values.yaml to an existing class, or let the chart create it with storageClass.create=true and a provisioner");
            }
        }
        if (ok) report.Pass(Name);
    }

    private static bool IsDefault(JsonObject storageClass)
    {
        var annotations = storageClass["metadata"]?["annotations"];
        return annotations?["storageclass.kubernetes.io/is-default-class"]?.GetValue<string>() == "true"
            || annotations?["storageclass.beta.kubernetes.io/is-default-class"]?.GetValue<string>() == "true";
    }
}
