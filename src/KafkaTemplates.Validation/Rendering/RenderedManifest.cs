using System.Text.Json.Nodes;
using KafkaTemplates.Validation.Diagnostics;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>
/// One object helm rendered: the template it came from, its text and parsed tree, the typed Kubernetes model when
/// the kind is a built-in one and the object reads strictly, and the problems strict reading found.
/// </summary>
internal sealed class RenderedManifest
{
    public required string SourceFile { get; init; }

    public required string Text { get; init; }

    public JsonObject? Root { get; init; }

    public string? ApiVersion { get; init; }

    public string? Kind { get; init; }

    public string? Name { get; init; }

    /// <summary>The object as a KubernetesClient model (V1StatefulSet, V1Service, ...), when it read strictly.</summary>
    public object? Model { get; init; }

    public IReadOnlyList<ManifestProblem> Problems { get; init; } = [];

    /// <summary>Helm hooks such as the `helm test` pod run beside the release, not as part of it.</summary>
    public bool IsHook => Root?["metadata"]?["annotations"]?["helm.sh/hook"] is not null;

    public T? As<T>() where T : class => Model as T;
}

/// <summary>A problem strict reading found in a rendered object, with the path of the field it is about.</summary>
internal sealed record ManifestProblem(DiagnosticDescriptor Descriptor, ManifestPath Path, string Message);
