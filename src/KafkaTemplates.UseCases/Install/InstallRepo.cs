using KafkaTemplates.Installation;

namespace KafkaTemplates.UseCases.Install;

/// <summary>
/// Install a deployment repo into a namespace: render with helm for the cluster, preflight, server-side apply (or
/// helm), prune, wait, and run the chart's post-install/post-upgrade hooks. The release and namespace not given are derived from the repo by the one identity rule
/// (<see cref="Engine.Answers.ReleaseIdentity"/>); helm is found on the PATH of the options' environment.
/// </summary>
public sealed class InstallRepo
{
    /// <exception cref="InstallInputException">Bad input: not a deployment repo, no kubeconfig, no helm, values the chart refuses.</exception>
    /// <exception cref="Installation.Faults.ClusterUnreachableException">The cluster does not answer.</exception>
    /// <exception cref="Installation.Faults.KubeApiException">The cluster refuses a call outside the planned checks.</exception>
    public Task<InstallResult> RunAsync(InstallOptions options, IInstallObserver observer, CancellationToken cancellationToken) =>
        new Installer(options, observer).RunAsync(cancellationToken);
}
