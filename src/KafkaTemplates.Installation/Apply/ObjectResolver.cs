using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// Binds rendered objects to served resources, fills in the release namespace where the chart left it out (as helm
/// does), marks each object with its release, and sorts them into apply order.
/// </summary>
internal static class ObjectResolver
{
    // Without a cluster, discovery cannot say which kinds are cluster-scoped; these are the built-in ones.
    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass",
        "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService", "IngressClass", "RuntimeClass",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    };

    public static IReadOnlyList<ResolvedObject> Resolve(IEnumerable<Manifest> manifests, ClusterCapabilities? capabilities, string release, string ns)
    {
        var resolved = new List<ResolvedObject>();
        foreach (var manifest in manifests)
        {
            var r = manifest.Ref;
            var resource = capabilities?.Find(r.ApiVersion, r.Kind);
            var namespaced = resource?.Namespaced ?? !ClusterScopedKinds.Contains(r.Kind);
            var body = (JsonObject)manifest.Body.DeepClone();
            var metadata = body["metadata"] as JsonObject ?? [];
            body["metadata"] = metadata;
            if (namespaced && metadata["namespace"] is null) metadata["namespace"] = ns;
            if (!namespaced) metadata.Remove("namespace");
            var annotations = metadata["annotations"] as JsonObject ?? [];
            metadata["annotations"] = annotations;
            annotations[ReleaseMarks.ReleaseAnnotation] = release;
            resolved.Add(new ResolvedObject(manifest, resource, body));
        }
        return ApplyOrder.Sort(resolved, o => o.Ref.Kind);
    }
}
