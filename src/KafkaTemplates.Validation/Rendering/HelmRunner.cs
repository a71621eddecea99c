using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Validation.Rendering;

/// <summary>Runs `helm template` and `helm lint --strict` on the repo's chart with one value set.</summary>
internal sealed class HelmRunner(string helm, string repoRoot, string release, string @namespace, TimeSpan timeout)
{
    /// <summary>The Prometheus operator's API, so templates that check .Capabilities render their monitoring objects.</summary>
    private const string MonitoringApi = "monitoring.coreos.com/v1";

    public string Executable => helm;

    public Task<ToolResult> TemplateAsync(ValueSet values, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(helm,
            ["template", release, "helm", "--namespace", @namespace, "--api-versions", MonitoringApi, .. SetArguments(values)],
            Options, cancellationToken);

    public Task<ToolResult> LintAsync(ValueSet values, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync(helm, ["lint", "--strict", "helm", "--namespace", @namespace, .. SetArguments(values)], Options, cancellationToken);

    // Plain, reproducible output: no colours, no plugins of the user's.
    private ExternalToolOptions Options => new()
    {
        WorkingDirectory = repoRoot,
        Timeout = timeout,
        Environment = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["HELM_NO_PLUGINS"] = "1" },
    };

    private static IEnumerable<string> SetArguments(ValueSet values) => values.Overrides.SelectMany(o => new[] { "--set", o });
}
