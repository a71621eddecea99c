using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Rules.Kubernetes;

namespace KafkaTemplates.Validation.Tests.Portal;

/// <summary>
/// deploy/portal/helm passes what generated charts pass: helm lint --strict and helm template with every switch,
/// strict reading of every object into the KubernetesClient models (KT3001-KT3004) and the Kubernetes object rules
/// (restricted security context, probes on declared ports, resources, no latest image, PodDisruptionBudget,
/// NetworkPolicy, ServiceAccount...).
/// </summary>
public class PortalChartTests
{
    private const string Database = "database.existingSecret=kafka-templates-portal-database";

    private static readonly string[] EverySwitchOn =
    [
        Database, "replicaCount=3", "ingress.enabled=true", "ingress.className=nginx", "ingress.tls.enabled=true",
        "networkPolicy.enabled=true", "podDisruptionBudget.enabled=true", "serviceAccount.create=true",
        "topologySpread.enabled=true", "affinity.podAntiAffinity=hard", "ingress.stickySessions=true",
        "publicUrl=https://portal.example.com", "signIn.audience=kafka-templates", "signIn.clientId=kafka-templates-portal",
        "signIn.clientSecret.existingSecret=kafka-templates-portal-oidc",
        "signIn.roles={*=list-templates,team-platform=run:*\\,see-all-tasks\\,cancel-any\\,download-any}",
        "publishing.existingSecret=kafka-templates-portal-publishing",
        "networkPolicy.egress.database.cidrs={10.20.0.0/16}", "networkPolicy.egress.oidcIssuer.cidrs={10.30.0.0/16}",
        "networkPolicy.egress.gitHosts.cidrs={140.82.112.0/20,192.30.252.0/22}", "networkPolicy.egress.catalog.cidrs={10.40.0.0/16}", "networkPolicy.egress.dns.cidrs={169.254.20.10/32}",
        "networkPolicy.extraIngressFrom[0].podSelector.matchLabels.app=backstage",
        "image.digest=sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
    ];

    /// <summary>Value sets that must render and pass every rule with no diagnostic at all.</summary>
    public static TheoryData<string> CleanSets => [.. Sets.Keys.Where(k => k != "every switch off")];

    private static readonly Dictionary<string, string[]> Sets = new(StringComparer.Ordinal)
    {
        ["the chart's values with a database"] = [Database],
        ["every switch on"] = EverySwitchOn,
        ["every switch on, soft anti-affinity, no TLS or affinity at the ingress"] = [.. EverySwitchOn, "affinity.podAntiAffinity=soft", "ingress.tls.enabled=false", "ingress.stickySessions=false"],
        ["one replica on SQLite in an emptyDir"] = ["replicaCount=1", "emptyDir.dataSizeLimit=5Gi", "emptyDir.tmpSizeLimit=512Mi"],
        ["one replica on SQLite on a volume"] = ["replicaCount=1", "persistence.enabled=true", "persistence.storageClassName=standard"],
        ["every switch off"] =
        [
            "replicaCount=1", "ingress.enabled=false", "networkPolicy.enabled=false", "podDisruptionBudget.enabled=false",
            "serviceAccount.create=false", "topologySpread.enabled=false", "affinity.podAntiAffinity=none",
        ],
    };

    [Theory]
    [MemberData(nameof(CleanSets))]
    public async Task The_portal_chart_lints_renders_and_passes_every_Kubernetes_object_rule(string valueSet)
    {
        var diagnostics = await CheckAsync(valueSet);

        Assert.True(diagnostics.Count == 0, PortalChart.Describe(diagnostics));
    }

    /// <summary>
    /// The rules really judge this chart: with the NetworkPolicy switched off, the rule generated repos answer to names
    /// it, and nothing else is found.
    /// </summary>
    [Fact]
    public async Task Every_switch_off_still_renders_strictly_and_only_the_missing_NetworkPolicy_is_reported()
    {
        var diagnostics = await CheckAsync("every switch off");

        var only = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCatalog.NetworkPolicyMissing.Code, only.Code);
    }

    [Fact]
    public async Task Every_switch_on_renders_each_object_the_switches_promise()
    {
        var (result, chart) = await PortalChart.RenderAsync("every switch on", EverySwitchOn);

        Assert.True(chart is not null, result.ToString());
        Assert.Equal(["Deployment", "Ingress", "NetworkPolicy", "PodDisruptionBudget", "Service", "ServiceAccount"],
            chart.Manifests.Select(m => m.Kind).Order(StringComparer.Ordinal));
        var text = string.Join('\n', chart.Manifests.Select(m => m.Text));
        // The secrets reach the pod from Secrets only; the values carry their names.
        Assert.Contains("name: KAFKA_TEMPLATES_DATABASE", text, StringComparison.Ordinal);
        Assert.Contains("name: kafka-templates-portal-database", text, StringComparison.Ordinal);
        Assert.Contains("name: KAFKA_TEMPLATES_OIDC_CLIENT_SECRET", text, StringComparison.Ordinal);
        Assert.Contains("automountServiceAccountToken: false", text, StringComparison.Ordinal);
        Assert.Contains("readOnlyRootFilesystem: true", text, StringComparison.Ordinal);
        Assert.Contains("path: /readyz", text, StringComparison.Ordinal);
        Assert.Contains("nginx.ingress.kubernetes.io/affinity: cookie", text, StringComparison.Ordinal);
    }

    /// <summary>The replicas share the sign-in keys through the database, so by default an Ingress asks for no affinity.</summary>
    [Fact]
    public async Task By_default_the_ingress_keeps_no_browser_on_one_replica()
    {
        var (result, chart) = await PortalChart.RenderAsync("default ingress", [Database, "ingress.enabled=true", "ingress.className=nginx"]);

        Assert.True(chart is not null, result.ToString());
        var ingress = Assert.Single(chart.Manifests, m => m.Kind == "Ingress");
        Assert.Contains("ingressClassName: nginx", ingress.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("nginx.ingress.kubernetes.io/affinity", ingress.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("several replicas without a database", new[] { "replicaCount=2" }, "database")]
    [InlineData("a volume with several replicas", new[] { "replicaCount=2", "persistence.enabled=true", Database }, "replicaCount")]
    [InlineData("no issuer", new[] { "signIn.issuer=", Database }, "signIn.issuer")]
    [InlineData("a plain http issuer", new[] { "signIn.issuer=http://login.example.com", Database }, "signIn/issuer")]
    public async Task The_chart_refuses_settings_that_cannot_work_and_names_the_value(string _, string[] sets, string named)
    {
        var (result, chart) = await PortalChart.RenderAsync("refused", sets);

        Assert.Null(chart);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>
    /// The template refuses the same settings when the schema is skipped (helm template --skip-schema-validation, or a
    /// tool that renders without it), so the refusal never depends on the schema alone.
    /// </summary>
    [Theory]
    [InlineData(new[] { "replicaCount=2" }, "database.existingSecret is empty")]
    [InlineData(new[] { "replicaCount=2", "persistence.enabled=true", Database }, "persistence.enabled keeps SQLite")]
    [InlineData(new[] { "signIn.issuer=", Database }, "signIn.issuer is required")]
    public async Task The_template_refuses_without_the_schema_too(string[] sets, string message)
    {
        var arguments = Helm.TemplateArguments(PortalChart.Chart(sets), includeCrds: false).Append("--skip-schema-validation");

        var result = await ProcessRunner.RunAsync(Tool.Helm, arguments, PortalChart.Path);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.StandardError, StringComparison.Ordinal);
    }

    /// <summary>helm template, strict reading and the object rules for one value set, then helm lint --strict on it.</summary>
    private static async Task<IReadOnlyList<Diagnostic>> CheckAsync(string valueSet)
    {
        var sets = Sets[valueSet];
        var context = PortalChart.Context(RepoFiles.InFolder(PortalChart.Path));
        var (result, chart) = await PortalChart.RenderAsync(valueSet, sets);
        Assert.True(chart is not null, $"helm template fails with {valueSet}: {result}");
        Assert.NotEmpty(chart.Manifests);

        new ManifestModelRule().Check(context, chart);
        Assert.True(chart.ReadCleanly, PortalChart.Describe(context.Diagnostics.Sorted()));
        foreach (var rule in PortalChart.ObjectRules) rule.Check(context, chart);

        var lint = await PortalChart.Helm.LintAsync(PortalChart.Chart(sets), CancellationToken.None);
        var findings = LintFinding.Parse(lint.StandardOutput + "\n" + lint.StandardError);
        Assert.True(lint.ExitCode == 0 && findings.Count == 0, $"helm lint --strict with {valueSet}: {lint}");
        return context.Diagnostics.Sorted();
    }
}
