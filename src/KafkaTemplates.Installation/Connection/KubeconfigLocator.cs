using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Installation.Connection;

/// <summary>
/// Finds the connection settings the way kubectl does: --kubeconfig, then $KUBECONFIG (a path list), then
/// ~/.kube/config, then the in-cluster service account when running in a pod.
/// </summary>
internal static class KubeconfigLocator
{
    public static readonly string NoKubeconfigMessage =
        $"no kubeconfig found: pass {Setting.Kubeconfig} <file>, set KUBECONFIG, or create ~/.kube/config " +
        "(`kind create cluster` or your cloud's `get-credentials` command writes one); inside a pod the service account is used";

    private const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    /// <summary>The source to use, or null when none exists.</summary>
    public static KubeconfigSource? TryLocate(ConnectionOptions options)
    {
        if (options.KubeconfigPath is { } explicitPath)
        {
            if (!File.Exists(explicitPath)) throw new InstallInputException($"{Setting.Kubeconfig}: the file '{explicitPath}' does not exist");
            return KubeconfigSource.FromFiles(explicitPath);
        }

        if (options.Variables.TryGetValue("KUBECONFIG", out var list) && !string.IsNullOrWhiteSpace(list))
        {
            var named = list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var existing = named.Where(File.Exists).ToArray();
            // kubectl ignores missing entries of the list, but a list that names no file at all is a mistake to report.
            if (existing.Length == 0) throw new InstallInputException($"KUBECONFIG names {string.Join(", ", named.Select(n => $"'{n}'"))}, and none of them exists: fix the variable or pass {Setting.Kubeconfig}");
            return KubeconfigSource.FromFiles(existing);
        }

        var home = Home(options.Variables);
        if (home is not null)
        {
            var defaultPath = Path.Combine(home, ".kube", "config");
            if (File.Exists(defaultPath)) return KubeconfigSource.FromFiles(defaultPath);
        }

        if (options.Variables.ContainsKey("KUBERNETES_SERVICE_HOST") && options.Variables.ContainsKey("KUBERNETES_SERVICE_PORT") && File.Exists(ServiceAccountToken))
            return KubeconfigSource.ServiceAccount;

        return null;
    }

    public static KubeconfigSource Locate(ConnectionOptions options) => TryLocate(options) ?? throw new InstallInputException(NoKubeconfigMessage);

    private static string? Home(IReadOnlyDictionary<string, string> variables) =>
        variables.TryGetValue("HOME", out var home) && home.Length > 0 ? home
        : variables.TryGetValue("USERPROFILE", out var profile) && profile.Length > 0 ? profile
        : null;
}
