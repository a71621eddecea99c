using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Helm;

/// <summary>
/// Helm mode: the release is installed by <c>helm upgrade --install</c>, so it shows in `helm list` and can be rolled
/// back with Helm. The installer still runs its preflight first and its own rollout wait after, and hands helm the
/// same kubeconfig and context it used itself.
/// </summary>
public static class HelmRelease
{
    public sealed record Result(int ExitCode, string Output, IReadOnlyList<string> Arguments);

    public static IReadOnlyList<string> Arguments(RenderRequest request, ClusterConnection connection, DryRunMode dryRun)
    {
        var args = new List<string> { "upgrade", request.Release, request.Repo.ChartDirectory, "--install", "--namespace", request.Namespace };
        if (connection.Source.Files.Count == 1) args.AddRange(["--kubeconfig", connection.Source.Files[0]]);
        if (connection.Context is not null) args.AddRange(["--kube-context", connection.Context]);
        foreach (var file in request.ValuesFiles) args.AddRange(["--values", file]);
        foreach (var (key, value) in request.SetStrings.OrderBy(p => p.Key, StringComparer.Ordinal)) args.AddRange(["--set-string", $"{key}={value}"]);
        if (dryRun == DryRunMode.Server) args.Add("--dry-run=server");
        return args;
    }

    public static async Task<Result> RunAsync(string helmPath, RenderRequest request, ClusterConnection connection, DryRunMode dryRun, CancellationToken cancellationToken)
    {
        var args = Arguments(request, connection, dryRun);
        // A merged KUBECONFIG list cannot be one --kubeconfig flag; helm reads the variable as kubectl does.
        var environment = connection.Source.Files.Count > 1
            ? new Dictionary<string, string> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, connection.Source.Files) }
            : null;
        var result = await HelmProcess.RunAsync(helmPath, args, environment, request.Repo.Root, cancellationToken);
        return new Result(result.ExitCode, (result.StandardOutput + result.StandardError).Trim(), args);
    }
}
