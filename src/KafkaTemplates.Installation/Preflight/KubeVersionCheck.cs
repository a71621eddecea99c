namespace KafkaTemplates.Installation.Preflight;

/// <summary>The server's version satisfies the chart's kubeVersion.</summary>
internal static class KubeVersionCheck
{
    public const string Name = "Kubernetes version";

    public static void Run(PreflightContext context, PreflightReport report)
    {
        var declared = context.Repo.KubeVersion;
        if (string.IsNullOrWhiteSpace(declared))
        {
            report.Pass(Name);
            return;
        }
        if (!KubeVersionConstraint.TryParse(declared, out var constraint))
        {
            report.Warning(Name, $"helm/Chart.yaml kubeVersion '{declared}' is not a version constraint, so it was not checked", "write it as helm does, e.g. \">=1.29.0-0\"");
            return;
        }
        if (constraint!.IsSatisfiedBy(context.Capabilities.ServerVersion))
        {
            report.Pass(Name);
            return;
        }
        report.Error(Name,
            $"the chart supports Kubernetes {declared} (helm/Chart.yaml kubeVersion), but the cluster runs {context.Capabilities.GitVersion}",
            "install into a cluster whose version satisfies it, or upgrade the cluster");
    }

    /// <summary>Whether helm can be given the server's version: helm itself refuses to render for a version outside kubeVersion.</summary>
    public static bool Satisfied(string? declared, Connection.KubeVersion server) =>
        string.IsNullOrWhiteSpace(declared) || !KubeVersionConstraint.TryParse(declared, out var c) || c!.IsSatisfiedBy(server);
}
