namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// Renders the chart with <c>helm template</c>. Helm only renders here; everything that talks to the cluster is
/// KubernetesClient. Capabilities come from the cluster (--kube-version, --api-versions), so the chart's
/// Capabilities checks answer as they would under <c>helm install</c>.
/// </summary>
public sealed class HelmTemplate(string helmPath)
{
    public string HelmPath { get; } = helmPath;

    public async Task<RenderedRelease> RenderAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var args = Arguments(request);
        var result = await HelmProcess.RunAsync(HelmPath, args, null, request.Repo.Root, cancellationToken);
        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            if (message.StartsWith("Error: ", StringComparison.Ordinal)) message = message[7..];
            throw new InstallInputException($"helm could not render the chart: {message}. Fix helm/values.yaml or the --values files");
        }

        var all = ManifestParser.Parse(result.StandardOutput);
        // Hooks run at points of a Helm release's life that server-side apply has no equivalent for; `helm test`
        // pods in particular must never be applied as ordinary objects.
        return new RenderedRelease(all.Where(m => m.Hooks.Count == 0).ToList(), all.Where(m => m.Hooks.Count > 0).ToList(), args);
    }

    public static IReadOnlyList<string> Arguments(RenderRequest request)
    {
        var args = new List<string> { "template", request.Release, request.Repo.ChartDirectory, "--namespace", request.Namespace, "--include-crds" };
        if (request.KubeVersion is not null) args.AddRange(["--kube-version", request.KubeVersion]);
        if (request.ApiVersions is { Count: > 0 } versions) args.AddRange(["--api-versions", string.Join(',', versions)]);
        foreach (var file in request.ValuesFiles) args.AddRange(["--values", file]);
        foreach (var (key, value) in request.SetStrings.OrderBy(p => p.Key, StringComparer.Ordinal)) args.AddRange(["--set-string", $"{key}={value}"]);
        return args;
    }
}
