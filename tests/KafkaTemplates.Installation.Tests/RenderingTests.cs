using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Rendering;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Installation.Tests;

public sealed class RenderingTests
{
    [Fact]
    public async Task Helm_renders_with_the_clusters_version_and_api_versions_from_discovery()
    {
        await using var server = await EmulatedApiServer.StartAsync();
        server.GitVersion = "v1.30.4-eks-1a2b3c";
        using var temp = new TempFolder("caps");
        temp.Write("repo/helm/Chart.yaml", "apiVersion: v2\nname: caps\nversion: 0.1.0\nkubeVersion: \">=1.29.0-0\"\n");
        temp.Write("repo/helm/templates/caps.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: caps
            data:
              kube: "{{ .Capabilities.KubeVersion.Version }}"
              serviceMonitor: "{{ .Capabilities.APIVersions.Has "monitoring.coreos.com/v1/ServiceMonitor" }}"
              statefulSets: "{{ .Capabilities.APIVersions.Has "apps/v1" }}"
              missing: "{{ .Capabilities.APIVersions.Has "example.com/v1" }}"
            """);
        var source = KubeconfigSource.FromFiles(server.WriteKubeconfig(temp.Combine("kubeconfig")));
        using var connection = ClusterConnector.Connect(source, null, InstallCli.Fast(), null);
        var capabilities = await ApiDiscovery.DiscoverAsync(connection, CancellationToken.None);
        var renderer = new ReleaseRenderer(Helm.Locate(null, InstallCli.Environment(temp.Path)["PATH"]));
        var repo = DeploymentRepo.Open(temp.Combine("repo"));

        var rendered = await renderer.RenderAsync(new HelmChart(repo.ChartDirectory, "caps", "ns")
        {
            WorkingDirectory = repo.Root,
            KubeVersion = capabilities.GitVersion,
            ApiVersions = capabilities.HelmApiVersions(),
        }, CancellationToken.None);

        var data = rendered.Objects.Single().Body["data"]!;
        Assert.Equal("v1.30.4-eks-1a2b3c", data["kube"]!.GetValue<string>());
        Assert.Equal("true", data["serviceMonitor"]!.GetValue<string>());
        Assert.Equal("true", data["statefulSets"]!.GetValue<string>());
        Assert.Equal("false", data["missing"]!.GetValue<string>());
        Assert.Equal(new KubeVersion(1, 30, 4, "eks-1a2b3c"), capabilities.ServerVersion);
    }

    [Fact]
    public void Rendered_YAML_is_read_with_the_API_machinerys_YAML_1_1_rules_and_helm_source_lines()
    {
        var manifests = ReleaseRenderer.Read("""
            ---
            # Source: chart/templates/a.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
            data:
              quoted: "on"
            spec:
              enabled: on
              disabled: No
              octal: 0755
              hex: 0x1F
              big: 1_000
              float: 1.5
              text: 1.2.3
              nothing: ~
            ---
            # Source: chart/templates/empty.yaml
            ---
            # Source: chart/templates/list.yaml
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Secret
                metadata:
                  name: b
            """);

        Assert.Equal(["a", "b"], manifests.Select(m => m.Ref.Name));
        Assert.Equal("chart/templates/a.yaml", manifests[0].Source);
        var spec = manifests[0].Body["spec"]!;
        Assert.Equal("on", manifests[0].Body["data"]!["quoted"]!.GetValue<string>());
        Assert.True(spec["enabled"]!.GetValue<bool>());
        Assert.False(spec["disabled"]!.GetValue<bool>());
        Assert.Equal(493, spec["octal"]!.GetValue<long>());
        Assert.Equal(31, spec["hex"]!.GetValue<long>());
        Assert.Equal(1000, spec["big"]!.GetValue<long>());
        Assert.Equal(1.5, spec["float"]!.GetValue<double>());
        Assert.Equal("1.2.3", spec["text"]!.GetValue<string>());
        Assert.Null(spec["nothing"]);
        Assert.Equal("chart/templates/list.yaml", manifests[1].Source);
    }

    [Theory]
    [InlineData(">=1.29.0-0", "v1.31.2", true)]
    [InlineData(">=1.29.0-0", "v1.30.4-eks-1a2b3c", true)]
    [InlineData(">=1.29.0", "v1.30.4-eks-1a2b3c", false)]
    [InlineData(">=1.29.0-0", "v1.28.9", false)]
    [InlineData(">= 1.27, < 1.31", "v1.30.0", true)]
    [InlineData(">= 1.27, < 1.31", "v1.31.0", false)]
    [InlineData("~1.30.0", "v1.30.9", true)]
    [InlineData("~1.30.0", "v1.31.0", false)]
    [InlineData("^1.28", "v1.35.1", true)]
    [InlineData("1.29.x || 1.31.x", "v1.31.2", true)]
    [InlineData("1.29.x || 1.31.x", "v1.30.2", false)]
    [InlineData("1.28 - 1.30", "v1.30.7", true)]
    [InlineData("!=1.30.1", "v1.30.1", false)]
    public void KubeVersion_constraints_are_read_as_helm_reads_them(string constraint, string server, bool satisfied)
    {
        Assert.True(Preflight.KubeVersionConstraint.TryParse(constraint, out var parsed));
        Assert.Equal(satisfied, parsed!.IsSatisfiedBy(KubeVersion.Parse(server)));
    }

    [Theory]
    [InlineData("10m", 600)]
    [InlineData("1h30m", 5400)]
    [InlineData("90s", 90)]
    [InlineData("45", 45)]
    [InlineData("1.5m", 90)]
    public void Timeouts_are_written_as_helm_and_kubectl_write_them(string text, int seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("10 m")]
    [InlineData("0")]
    [InlineData("")]
    public void A_timeout_that_is_not_a_duration_is_refused(string text) => Assert.False(DurationParser.TryParse(text, out _));
}
