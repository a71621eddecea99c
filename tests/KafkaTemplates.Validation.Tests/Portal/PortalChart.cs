using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules;

namespace KafkaTemplates.Validation.Tests.Portal;

/// <summary>
/// The portal's own image and chart (deploy/portal) held to the checks of generated repos: the same helm runner, the
/// same strict manifest reader, and the very rule lists <see cref="RepoValidator"/> runs. The folder has the layout of
/// a deployment repo (Dockerfile, helm/), so the rules find its files where they look in a generated repo.
/// </summary>
internal static class PortalChart
{
    public const string Folder = "deploy/portal";
    public const string Release = "portal";
    public const string Namespace = "kafka-templates";

    /// <summary>What an install must always give: the issuer the chart refuses to run without.</summary>
    public static readonly string[] Required = ["signIn.issuer=https://login.example.com/realms/main"];

    public static string Path => RepoRoot.Combine(Folder);

    /// <summary>
    /// The rules RepoValidator runs on every rendered chart (KT3xxx object rules), read from it so that a rule added
    /// there judges this chart too.
    /// </summary>
    public static IReadOnlyList<IRenderedChartRule> ObjectRules => RepoValidator.ObjectRules;

    /// <summary>The Dockerfile rules (KT6xxx) among RepoValidator's file rules.</summary>
    public static IReadOnlyList<IRepoRule> ImageRules =>
        [.. RepoValidator.FileRules.Where(r => r.GetType().Namespace == typeof(Validation.Rules.Image.BaseImageRule).Namespace)];

    public static ValidationContext Context(RepoFiles files) => new(files, new ValidationOptions())
    {
        Chart = files.ReadYaml(RepoLayout.ChartFile),
        Values = new ValuesDocument(files.ReadYaml(RepoLayout.ValuesFile)
            ?? throw new InvalidOperationException($"{Folder}/{RepoLayout.ValuesFile} is missing")),
    };

    public static Helm Helm => new(Tool.Helm) { Timeout = TimeSpan.FromMinutes(2) };

    public static HelmChart Chart(IEnumerable<string> sets) => new(RepoLayout.ChartFolder, Release, Namespace)
    {
        WorkingDirectory = Path,
        Sets = [.. Required, .. sets],
    };

    /// <summary>Renders with helm template and reads every object strictly, as validation does.</summary>
    public static async Task<(ToolResult Result, RenderedChart? Chart)> RenderAsync(string name, IEnumerable<string> sets)
    {
        var chart = Chart(sets);
        var result = await Helm.TemplateAsync(chart, includeCrds: false, CancellationToken.None);
        if (result.ExitCode != 0) return (result, null);
        var manifests = HelmOutput.Split(result.StandardOutput).Select(d => ManifestReader.Read(d.RepoPath(RepoLayout.ChartFolder), d.Text)).ToList();
        return (result, new RenderedChart(new ValueSet(name, chart.Sets), manifests));
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join('\n', diagnostics.Select(d => d.ToString()));
}
