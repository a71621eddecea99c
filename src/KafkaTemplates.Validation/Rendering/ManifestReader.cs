using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;
using YamlDotNet.Core;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// Reads a rendered document twice: into a tree with line marks (refusing duplicate keys), then strictly into the
/// KubernetesClient model of its kind, which refuses unknown fields and values of the wrong type.
/// </summary>
internal static partial class ManifestReader
{
    private static readonly Dictionary<string, Func<string, object>> Models = new(StringComparer.Ordinal)
    {
        ["v1/ConfigMap"] = y => KubernetesYaml.Deserialize<V1ConfigMap>(y, strict: true),
        ["v1/Secret"] = y => KubernetesYaml.Deserialize<V1Secret>(y, strict: true),
        ["v1/Service"] = y => KubernetesYaml.Deserialize<V1Service>(y, strict: true),
        ["v1/ServiceAccount"] = y => KubernetesYaml.Deserialize<V1ServiceAccount>(y, strict: true),
        ["v1/Pod"] = y => KubernetesYaml.Deserialize<V1Pod>(y, strict: true),
        ["v1/PersistentVolumeClaim"] = y => KubernetesYaml.Deserialize<V1PersistentVolumeClaim>(y, strict: true),
        ["apps/v1/StatefulSet"] = y => KubernetesYaml.Deserialize<V1StatefulSet>(y, strict: true),
        ["apps/v1/Deployment"] = y => KubernetesYaml.Deserialize<V1Deployment>(y, strict: true),
        ["apps/v1/DaemonSet"] = y => KubernetesYaml.Deserialize<V1DaemonSet>(y, strict: true),
        ["batch/v1/Job"] = y => KubernetesYaml.Deserialize<V1Job>(y, strict: true),
        ["policy/v1/PodDisruptionBudget"] = y => KubernetesYaml.Deserialize<V1PodDisruptionBudget>(y, strict: true),
        ["networking.k8s.io/v1/NetworkPolicy"] = y => KubernetesYaml.Deserialize<V1NetworkPolicy>(y, strict: true),
        ["networking.k8s.io/v1/Ingress"] = y => KubernetesYaml.Deserialize<V1Ingress>(y, strict: true),
        ["storage.k8s.io/v1/StorageClass"] = y => KubernetesYaml.Deserialize<V1StorageClass>(y, strict: true),
        ["rbac.authorization.k8s.io/v1/Role"] = y => KubernetesYaml.Deserialize<V1Role>(y, strict: true),
        ["rbac.authorization.k8s.io/v1/RoleBinding"] = y => KubernetesYaml.Deserialize<V1RoleBinding>(y, strict: true),
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
        if (problems.Count == 0 && Models.TryGetValue($"{apiVersion}/{kind}", out var deserialize))
        {
            try
            {
                model = deserialize(text);
            }
            catch (YamlException e)
            {
                problems.Add(Classify(e, lines, kind!));
            }
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

    private static ManifestProblem Classify(YamlException e, string[] lines, string kind)
    {
        var path = YamlTextPath.At(lines, (int)e.Start.Line);
        if (UnknownProperty().Match(e.Message) is { Success: true } unknown)
            return new ManifestProblem(DiagnosticCatalog.UnknownField, path,
                $"{path} is not a field of {kind} (no '{unknown.Groups[1].Value}' in {unknown.Groups[2].Value}); check its spelling and indentation");
        if (e.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
            return new ManifestProblem(DiagnosticCatalog.DuplicateKey, path, $"{path} appears twice; keep one of them");
        var detail = e.InnerException?.Message ?? e.Message;
        var value = lines.ElementAtOrDefault((int)e.Start.Line - 1)?.Trim() ?? "";
        return new ManifestProblem(DiagnosticCatalog.WrongFieldType, path,
            $"{path} has a value of the wrong type for {kind} ('{value}'): {Clean(detail)}");
    }

    private static string Clean(string message)
    {
        var i = message.LastIndexOf("): ", StringComparison.Ordinal);
        return (i >= 0 ? message[(i + 3)..] : message).TrimEnd('.');
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString();

    [GeneratedRegex(@"Property '([^']+)' not found on type '(?:k8s\.Models\.)?([^']+)'")]
    private static partial Regex UnknownProperty();
}
