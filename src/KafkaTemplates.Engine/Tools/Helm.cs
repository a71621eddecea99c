using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Engine.Tools;

/// <summary>A chart to render or check: where it is, the release and namespace it renders as, and its values.</summary>
public sealed record HelmChart(string ChartPath, string Release, string Namespace)
{
    /// <summary>Where helm runs; a relative <see cref="ChartPath"/> is relative to it. Null: the current folder.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Values files (--values), in order: later files win.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>Values as helm's --set takes them (key=value), after the files.</summary>
    public IReadOnlyList<string> Sets { get; init; } = [];

    /// <summary>Values that must stay strings (--set-string), such as a running cluster's KRaft id.</summary>
    public IReadOnlyDictionary<string, string> SetStrings { get; init; } = new Dictionary<string, string>();

    /// <summary>The server's version for Capabilities.KubeVersion; null lets helm use its built-in default.</summary>
    public string? KubeVersion { get; init; }

    /// <summary>Group versions and group/version/Kinds for Capabilities.APIVersions.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];
}

/// <summary>The cluster helm talks to in helm mode: the same kubeconfig files and context the installer uses.</summary>
public sealed record HelmCluster(IReadOnlyList<string> KubeconfigFiles, string? Context);

/// <summary>
/// The one way the tool runs helm: validation lints and renders with it, the installer renders with it and, in helm
/// mode, installs with it. Every run gets plain, reproducible output (no colours, none of the user's plugins) and
/// a bounded output size, since a hostile chart can render without end.
/// </summary>
public sealed class Helm(string executable)
{
    /// <summary>Most output read from one helm run (64 MiB); a Kubernetes object is at most about 1.5 MiB.</summary>
    public const int MaxOutputBytes = 64 * 1024 * 1024;

    public static readonly string NotFoundMessage =
        $"helm was not found on PATH: install Helm 3.13 or later (https://helm.sh/docs/intro/install/), or give its path with {Setting.Helm}";

    public string Executable { get; } = executable;

    /// <summary>How long one helm run may take. Null: until the caller cancels.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// Helm at <paramref name="explicitPath"/> when given, else the first helm on <paramref name="searchPath"/> (a
    /// PATH-style list; null: this process's PATH); null when there is none.
    /// </summary>
    /// <exception cref="ToolNotFoundException">An explicit path that does not exist.</exception>
    public static Helm? Find(string? explicitPath, string? searchPath)
    {
        if (explicitPath is null) return ToolLocator.Find("helm", searchPath) is { } found ? new Helm(found) : null;
        if (!File.Exists(explicitPath))
            throw new ToolNotFoundException(explicitPath, $"{Setting.Helm}: '{explicitPath}' does not exist; give the path of helm, or leave it out to use the helm on PATH");
        return new Helm(explicitPath);
    }

    /// <summary>As <see cref="Find"/>, for callers that cannot go on without helm.</summary>
    /// <exception cref="ToolNotFoundException">No helm: the message says how to get one.</exception>
    public static Helm Locate(string? explicitPath, string? searchPath) =>
        Find(explicitPath, searchPath) ?? throw new ToolNotFoundException("helm", NotFoundMessage);

    public Task<ToolResult> TemplateAsync(HelmChart chart, bool includeCrds, CancellationToken cancellationToken) =>
        RunAsync(TemplateArguments(chart, includeCrds), chart.WorkingDirectory, null, cancellationToken);

    public Task<ToolResult> LintAsync(HelmChart chart, CancellationToken cancellationToken) =>
        RunAsync(["lint", "--strict", chart.ChartPath, "--namespace", chart.Namespace, .. ValueArguments(chart)], chart.WorkingDirectory, null, cancellationToken);

    /// <summary><c>helm upgrade --install</c> against the cluster, optionally as a server-side dry run.</summary>
    public Task<ToolResult> UpgradeInstallAsync(HelmChart chart, HelmCluster cluster, bool serverDryRun, CancellationToken cancellationToken)
    {
        // A merged KUBECONFIG list cannot be one --kubeconfig flag; helm reads the variable as kubectl does.
        var environment = cluster.KubeconfigFiles.Count > 1
            ? new Dictionary<string, string?> { ["KUBECONFIG"] = string.Join(Path.PathSeparator, cluster.KubeconfigFiles) }
            : null;
        return RunAsync(UpgradeArguments(chart, cluster, serverDryRun), chart.WorkingDirectory, environment, cancellationToken);
    }

    public static IReadOnlyList<string> TemplateArguments(HelmChart chart, bool includeCrds)
    {
        var args = new List<string> { "template", chart.Release, chart.ChartPath, "--namespace", chart.Namespace };
        if (includeCrds) args.Add("--include-crds");
        if (chart.KubeVersion is not null) args.AddRange(["--kube-version", chart.KubeVersion]);
        if (chart.ApiVersions.Count > 0) args.AddRange(["--api-versions", string.Join(',', chart.ApiVersions)]);
        args.AddRange(ValueArguments(chart));
        return args;
    }

    public static IReadOnlyList<string> UpgradeArguments(HelmChart chart, HelmCluster cluster, bool serverDryRun)
    {
        var args = new List<string> { "upgrade", chart.Release, chart.ChartPath, "--install", "--namespace", chart.Namespace };
        if (cluster.KubeconfigFiles.Count == 1) args.AddRange(["--kubeconfig", cluster.KubeconfigFiles[0]]);
        if (cluster.Context is not null) args.AddRange(["--kube-context", cluster.Context]);
        args.AddRange(ValueArguments(chart));
        if (serverDryRun) args.Add("--dry-run=server");
        return args;
    }

    private static IEnumerable<string> ValueArguments(HelmChart chart)
    {
        foreach (var file in chart.ValuesFiles) { yield return "--values"; yield return file; }
        foreach (var set in chart.Sets) { yield return "--set"; yield return set; }
        foreach (var (key, value) in chart.SetStrings.OrderBy(p => p.Key, StringComparer.Ordinal)) { yield return "--set-string"; yield return $"{key}={value}"; }
    }

    private async Task<ToolResult> RunAsync(IEnumerable<string> arguments, string? workingDirectory, IReadOnlyDictionary<string, string?>? environment,
        CancellationToken cancellationToken)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["HELM_NO_PLUGINS"] = "1" };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>()) variables[name] = value;
        return await ExternalTool.RunAsync(Executable, arguments, new ExternalToolOptions
        {
            WorkingDirectory = workingDirectory,
            Environment = variables,
            Timeout = Timeout,
            MaxOutputBytes = MaxOutputBytes,
        }, cancellationToken);
    }
}
