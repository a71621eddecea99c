using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>The release namespace exists, or may be created (--create-namespace); a terminating one cannot take objects.</summary>
internal static class NamespaceCheck
{
    public const string Name = "Namespace";

    public static void Run(PreflightContext context, PreflightReport report)
    {
        var ns = context.Namespace;
        switch (context.Live.NamespaceExists)
        {
            case true when context.Live.NamespacePhase == "Terminating":
                report.Error(Name, $"namespace '{ns}' is being deleted", $"wait until it is gone, then install again (with {Setting.CreateNamespace})");
                return;
            case true:
                report.Pass(Name);
                return;
            case null:
                report.Warning(Name, $"cannot read namespace '{ns}' (no cluster-scope permission on namespaces); assuming it exists");
                return;
            case false when context.Options.CreateNamespace:
                report.Pass(Name);
                return;
            case false:
                report.Error(Name, $"namespace '{ns}' does not exist",
                    $"pass {Setting.CreateNamespace} to create it (labelled as managed by kafka-templates), or create it first: kubectl create namespace {ns}");
                return;
        }
    }
}
