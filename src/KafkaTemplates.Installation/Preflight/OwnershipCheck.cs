using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// No rendered object already exists as part of another release (ours, Helm's, or another instance label): two
/// releases writing one object would undo each other. In helm mode, Helm also refuses objects it does not own.
/// </summary>
internal static class OwnershipCheck
{
    public const string Name = "Ownership";

    public static void Run(PreflightContext context, PreflightReport report)
    {
        var release = context.Release;
        var ok = true;
        foreach (var o in context.Objects)
        {
            if (context.Live.Find(o) is not { } live) continue;
            var owner = OwnerOf(live);
            if (owner is not null && owner.Value.Release != release)
            {
                ok = false;
                report.Error(Name, $"{o.Ref} already exists and belongs to release '{owner.Value.Release}' ({owner.Value.Evidence})",
                    $"two releases cannot own one object: install under that release's name ({Setting.Release}), or give this release other object names (another {Setting.Release}, or nameOverride/fullnameOverride in the values)");
                continue;
            }
            if (context.Options.Mode == InstallMode.Helm && Annotation(live, ReleaseMarks.HelmReleaseName) != release)
            {
                ok = false;
                report.Error(Name, $"{o.Ref} exists but is not part of Helm release '{release}' (it was installed with {Setting.Mode} apply or by hand), and Helm refuses to adopt it",
                    $"keep installing with {Setting.Mode} apply, or delete the object first");
                continue;
            }
            if (owner is null)
                report.Warning(Name, $"{o.Ref} exists and was not installed by a release; this install takes it over");
        }
        if (ok) report.Pass(Name);
    }

    /// <summary>The release an object says it belongs to, and which mark said so.</summary>
    internal static (string Release, string Evidence)? OwnerOf(JsonObject live)
    {
        if (Annotation(live, ReleaseMarks.ReleaseAnnotation) is { Length: > 0 } ours) return (ours, $"annotation {ReleaseMarks.ReleaseAnnotation}");
        if (Annotation(live, ReleaseMarks.HelmReleaseName) is { Length: > 0 } helm) return (helm, $"Helm annotation {ReleaseMarks.HelmReleaseName}");
        if (live["metadata"]?["labels"]?[ReleaseMarks.InstanceLabel]?.GetValue<string>() is { Length: > 0 } instance) return (instance, $"label {ReleaseMarks.InstanceLabel}");
        return null;
    }

    private static string? Annotation(JsonObject live, string name) => live["metadata"]?["annotations"]?[name]?.GetValue<string>();
}
