using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// Creates the release namespace (--create-namespace) by server-side apply, labelled as managed by this tool and
/// with the restricted Pod Security level the chart's pods are written for. An existing namespace is never relabelled.
/// </summary>
internal static class NamespaceProvisioner
{
    public static JsonObject Body(string ns, string release) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = ns,
            ["labels"] = new JsonObject
            {
                [ReleaseMarks.ManagedByLabel] = ReleaseMarks.FieldManager,
                ["kafka-templates.dev/created-for"] = release,
                ["pod-security.kubernetes.io/enforce"] = "restricted",
                ["pod-security.kubernetes.io/warn"] = "restricted",
            },
        },
    };

    public static Task<JsonObject> CreateAsync(KubeApi api, string ns, string release, bool dryRun, CancellationToken cancellationToken) =>
        api.ApplyAsync($"api/v1/namespaces/{Uri.EscapeDataString(ns)}", Body(ns, release), ReleaseMarks.FieldManager, dryRun, cancellationToken);
}
