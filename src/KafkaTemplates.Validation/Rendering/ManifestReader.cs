using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Reads a rendered document into a tree with line marks (refusing duplicate keys), then that tree strictly into the
/// KubernetesClient model of its kind (<see cref="StrictModel"/>), which refuses unknown fields and values of the wrong type.
/// </summary>
internal static class ManifestReader
{
    private static readonly Dictionary<string, Type> Models = new(StringComparer.Ordinal)
    {
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Secret"] = typeof(V1Secret),
        ["v1/Service"] = typeof(V1Service),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/Pod"] = typeof(V1Pod),
        ["v1/PersistentVolumeClaim"] = typeof(V1PersistentVolumeClaim),
        ["apps/v1/StatefulSet"] = typeof(V1StatefulSet),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["apps/v1/DaemonSet"] = typeof(V1DaemonSet),
        ["batch/v1/Job"] = typeof(V1Job),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
        ["networking.k8s.io/v1/Ingress"] = typeof(V1Ingress),
        ["storage.k8s.io/v1/StorageClass"] = typeof(V1StorageClass),
        ["rbac.authorization.k8s.io/v1/Role"] = typeof(V1Role),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = typeof(V1RoleBinding),
    };

    public static RenderedManifest Read(string sourceFile, string text)
    {
        var lines = text.Split('\n');
        JsonObject? root;
        try
        {
            root = YamlReader.Read(text, sourceFile).Root as JsonObject;
        }
        catch (YamlFormatException e)
        {
            var duplicate = e.Problem.StartsWith("duplicate key", StringComparison.Ordinal);
            return new RenderedManifest
            {
                SourceFile = sourceFile,
                Text = text,
                Problems = [new ManifestProblem(
                    duplicate ? DiagnosticCatalog.DuplicateKey : DiagnosticCatalog.WrongFieldType,
                    YamlTextPath.At(lines, e.Mark.Line),
                    duplicate ? $"{YamlTextPath.At(lines, e.Mark.Line)} is written twice in the rendered object; keep one of them" : e.Problem)],
            };
        }

        var apiVersion = Text(root?["apiVersion"]);
        var kind = Text(root?["kind"]);
        var name = Text(root?["metadata"]?["name"]);
        var problems = new List<ManifestProblem>();
        foreach (var (field, value) in new[] { ("apiVersion", apiVersion), ("kind", kind), ("metadata.name", name) })
        {
            if (string.IsNullOrEmpty(value))
                problems.Add(new ManifestProblem(DiagnosticCatalog.ObjectIdentityMissing, ManifestPath.Of(field.Split('.')),
                    $"the object{(kind is null ? "" : " of kind " + kind)} has no {field}; every Kubernetes object needs apiVersion, kind and metadata.name"));
        }

        object? model = null;
        if (problems.Count == 0 && Models.TryGetValue($"{apiVersion}/{kind}", out var type))
        {
            var (read, problem) = StrictModel.Read(root!, type, kind!);
            model = read;
            if (problem is not null) problems.Add(problem);
        }
        return new RenderedManifest
        {
            SourceFile = sourceFile,
            Text = text,
            Root = root,
            ApiVersion = apiVersion,
            Kind = kind,
            Name = name,
            Model = model,
            Problems = problems,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();
}
