using k8s.Models;
using KafkaTemplates.Validation.Rendering;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// A rendered object that creates pods (StatefulSet, Deployment, DaemonSet, Job, or a bare Pod such as the helm test
/// pod), with its pod labels, pod spec, and the paths to them for locating findings.
/// </summary>
internal sealed record Workload(
    RenderedManifest Manifest,
    int Replicas,
    IDictionary<string, string> PodLabels,
    V1LabelSelector? Selector,
    V1PodSpec Spec,
    ManifestPath PodSpecPath)
{
    public string Kind => Manifest.Kind!;

    public string Name => Manifest.Name!;

    public string Describe => $"{Kind} {Name}";

    /// <summary>
    /// The labels of each pod: a StatefulSet's pods also carry the labels Kubernetes adds per ordinal
    /// (statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index), which per-broker Services select.
    /// </summary>
    public IEnumerable<IDictionary<string, string>> PodLabelSets
    {
        get
        {
            if (Kind != "StatefulSet")
            {
                yield return PodLabels;
                yield break;
            }
            for (var i = 0; i < Math.Max(1, Replicas); i++)
            {
                var ordinal = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                yield return new Dictionary<string, string>(PodLabels, StringComparer.Ordinal)
                {
                    ["statefulset.kubernetes.io/pod-name"] = $"{Name}-{ordinal}",
                    ["apps.kubernetes.io/pod-index"] = ordinal,
                };
            }
        }
    }

    /// <summary>True when some pod of this workload has labels the test accepts.</summary>
    public bool HasPodWhere(Func<IDictionary<string, string>, bool> labelsMatch) => PodLabelSets.Any(labelsMatch);

    public IEnumerable<(V1Container Container, ManifestPath Path)> Containers =>
        (Spec.Containers ?? []).Select(c => (c, PodSpecPath.Key("containers").Item(c.Name)))
            .Concat((Spec.InitContainers ?? []).Select(c => (c, PodSpecPath.Key("initContainers").Item(c.Name))));

    public static IReadOnlyList<Workload> In(RenderedChart chart)
    {
        var workloads = new List<Workload>();
        var template = ManifestPath.Of("spec", "template", "spec");
        foreach (var m in chart.Manifests)
        {
            Workload? w = m.Model switch
            {
                V1StatefulSet s when s.Spec?.Template?.Spec is { } spec => new(m, s.Spec.Replicas ?? 1, Labels(s.Spec.Template.Metadata), s.Spec.Selector, spec, template),
                V1Deployment d when d.Spec?.Template?.Spec is { } spec => new(m, d.Spec.Replicas ?? 1, Labels(d.Spec.Template.Metadata), d.Spec.Selector, spec, template),
                V1DaemonSet d when d.Spec?.Template?.Spec is { } spec => new(m, 1, Labels(d.Spec.Template.Metadata), d.Spec.Selector, spec, template),
                V1Job j when j.Spec?.Template?.Spec is { } spec => new(m, 1, Labels(j.Spec.Template.Metadata), j.Spec.Selector, spec, template),
                V1Pod p when p.Spec is { } spec => new(m, 1, Labels(p.Metadata), null, spec, ManifestPath.Of("spec")),
                _ => null,
            };
            if (w is not null) workloads.Add(w);
        }
        return workloads;
    }

    private static IDictionary<string, string> Labels(V1ObjectMeta? metadata) =>
        metadata?.Labels ?? new Dictionary<string, string>();
}
