using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Connection;

/// <summary>
/// Builds a KubernetesClient for the located kubeconfig and context, with the retry handler in its pipeline. Problems
/// with the settings themselves (unknown context, unreadable file) are input errors; nothing is sent yet.
/// </summary>
internal static class ClusterConnector
{
    public static ClusterConnection Connect(KubeconfigSource source, string? context, RetryPolicy retry, Action<RetryNotice>? onRetry)
    {
        KubernetesClientConfiguration config;
        string? contextName = null;
        if (source.InCluster)
        {
            if (context is not null) throw new InstallInputException($"{Setting.Context} needs a kubeconfig; inside a pod the service account is used");
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            K8SConfiguration kubeconfig;
            try
            {
                kubeconfig = Merge(source.Files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(new FileInfo(f))).ToList());
            }
            catch (Exception e) when (e is KubeConfigException or IOException or YamlDotNet.Core.YamlException or UnauthorizedAccessException)
            {
                throw new InstallInputException($"cannot read the kubeconfig {source}: {e.Message}", e);
            }

            var contexts = (kubeconfig.Contexts ?? []).Select(c => c.Name).ToList();
            contextName = context ?? (string.IsNullOrEmpty(kubeconfig.CurrentContext) ? null : kubeconfig.CurrentContext);
            if (contextName is null)
                throw new InstallInputException($"the kubeconfig {source} has no current-context: pass {Setting.Context} ({Choices(contexts)})");
            if (!contexts.Contains(contextName, StringComparer.Ordinal))
                throw new InstallInputException($"the kubeconfig {source} has no context '{contextName}': pass {Setting.Context} with one of {Choices(contexts)}");

            try
            {
                config = KubernetesClientConfiguration.BuildConfigFromConfigObject(kubeconfig, contextName);
            }
            catch (Exception e) when (e is KubeConfigException or IOException or FormatException or System.Security.Cryptography.CryptographicException)
            {
                throw new InstallInputException($"the context '{contextName}' of {source} cannot be used: {e.Message}", e);
            }
        }

        // The retry handler bounds every attempt; HttpClient's own 100 s limit would cut the retries short and
        // surface a stalled server as a cancellation instead of a timeout.
        config.HttpClientTimeout = Timeout.InfiniteTimeSpan;
        try
        {
            var client = new Kubernetes(config, new RetryHandler(retry, onRetry));
            return new ClusterConnection(client, source, contextName, config.Host);
        }
        catch (KubeConfigException e)
        {
            throw new InstallInputException($"the cluster settings of {(contextName is null ? source.ToString() : $"context '{contextName}'")} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Merges a KUBECONFIG list as kubectl does: the first file that names a context, cluster or user wins.</summary>
    private static K8SConfiguration Merge(List<K8SConfiguration> files)
    {
        var first = files[0];
        if (files.Count == 1) return first;
        return new K8SConfiguration
        {
            ApiVersion = first.ApiVersion,
            Kind = first.Kind,
            FileName = first.FileName,
            CurrentContext = files.Select(f => f.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Contexts = files.SelectMany(f => f.Contexts ?? []).DistinctBy(c => c.Name).ToList(),
            Clusters = files.SelectMany(f => f.Clusters ?? []).DistinctBy(c => c.Name).ToList(),
            Users = files.SelectMany(f => f.Users ?? []).DistinctBy(u => u.Name).ToList(),
        };
    }

    private static string Choices(List<string> contexts) => contexts.Count == 0 ? "the file defines none" : string.Join(", ", contexts);
}
