using KafkaTemplates.Engine.Tools;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules;
using KafkaTemplates.Validation.Rules.Alerts;
using KafkaTemplates.Validation.Rules.Chart;
using KafkaTemplates.Validation.Rules.Ci;
using KafkaTemplates.Validation.Rules.Image;
using KafkaTemplates.Validation.Rules.Kafka;
using KafkaTemplates.Validation.Rules.Kubernetes;
using KafkaTemplates.Validation.Rules.Repo;

namespace KafkaTemplates.Validation;

/// <summary>
/// The validate step of the pipeline. It reads the repo (answers file, Chart.yaml, values.yaml), runs the file checks
/// (repo, chart, Kafka, exporter, image, CI), then renders the chart with helm for the repo's values and with every
/// feature switch on, and checks what helm produced (Kubernetes objects, alerts, promtool). Helm runs only once the
/// chart and values have no errors of their own, since it would report them again with a vaguer location.
/// </summary>
public sealed partial class RepoValidator
{
    private static readonly IRepoRule[] FileRules =
    [
        new ConflictMarkersRule(), new AnswersFileRule(), new RequiredFilesRule(), new ExecutableScriptsRule(),
        new ChartMetadataRule(), new AppVersionMatchesImageRule(), new ValuesSchemaRule(),
        new ReplicationRule(), new ControllerQuorumRule(), new HeapRule(), new PortsRule(), new QuantitiesRule(), new ManagedConfigRule(),
        new ExporterConfigRule(),
        new BaseImageRule(), new NonRootUserRule(), new VerifiedDownloadsRule(), new PipefailRule(),
        new GitHubWorkflowRule(), new GitLabCiRule(),
    ];

    /// <summary>Need every object to have read strictly: they reason over typed Kubernetes models.</summary>
    private static readonly IRenderedChartRule[] ObjectRules =
    [
        new WorkloadSelectorRule(), new ServiceSelectionRule(), new PodDisruptionBudgetRule(), new HeadlessServiceRule(),
        new ProbePortRule(), new SecurityContextRule(), new ResourcesRule(), new ImageTagRule(), new AntiAffinityRule(),
        new NetworkPolicyRule(), new ServiceAccountRule(),
    ];

    private static readonly IRenderedChartRule[] AlertRules =
    [
        new PrometheusRuleStructureRule(), new AlertMetadataRule(), new AlertMetricsRule(),
    ];

    /// <summary>Validates a repo: every check, with helm and promtool when they can be found.</summary>
    /// <exception cref="InvalidRepoException">The folder cannot be validated at all; the message says why.</exception>
    public async Task<ValidationReport> ValidateAsync(string repoDir, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireExisting(options.HelmPath, "helm");
        RequireExisting(options.PromtoolPath, "promtool");
        var clock = Stopwatch.StartNew();
        var context = Load(repoDir, options);
        foreach (var rule in FileRules) rule.Check(context);
        var staticDuration = clock.Elapsed;
        await RenderAndCheckAsync(context, cancellationToken);
        return Finish(context, staticDuration, clock.Elapsed - staticDuration);
    }

    /// <summary>
    /// The file checks alone: never starts helm or promtool, and reports no missing helm. This is the part of
    /// <see cref="ValidateAsync"/> that reads files only, as used by the benchmark of validating without helm.
    /// </summary>
    public ValidationReport ValidateWithoutHelm(string repoDir, ValidationOptions? options = null)
    {
        options ??= new ValidationOptions();
        var clock = Stopwatch.StartNew();
        var context = Load(repoDir, options);
        foreach (var rule in FileRules) rule.Check(context);
        context.Skip("helm lint, helm template and the checks of rendered objects and alerts", "validation ran without helm");
        return Finish(context, clock.Elapsed, TimeSpan.Zero);
    }

    private static void RequireExisting(string? path, string tool)
    {
        if (path is not null && !File.Exists(path))
            throw new InvalidRepoException($"the {tool} executable '{path}' does not exist; give the path of {tool}, or leave it out to use the one on PATH");
    }

    private static ValidationContext Load(string repoDir, ValidationOptions options)
    {
        var root = Path.GetFullPath(repoDir);
        if (!Directory.Exists(root))
            throw new InvalidRepoException($"the folder '{repoDir}' does not exist; give the folder of a deployment repo");
        var files = new RepoFiles(root);
        if (!files.Exists(RepoLayout.AnswersFile) && !files.Exists(RepoLayout.ChartFile))
            throw new InvalidRepoException(
                $"'{repoDir}' is not a deployment repo: it has neither {RepoLayout.AnswersFile} nor {RepoLayout.ChartFile}. Give the folder `kafka-templates new` created");

        var conflicts = ConflictMarkers.InFolder(root);
        var context = new ValidationContext(files, options)
        {
            Conflicts = conflicts,
            AnswersDocument = ReadYaml(files, RepoLayout.AnswersFile, conflicts),
            Chart = ReadYaml(files, RepoLayout.ChartFile, conflicts),
        };
        if (ReadYaml(files, RepoLayout.ValuesFile, conflicts) is { } values) context.Values = new ValuesDocument(values);
        if (context.AnswersDocument is not null)
        {
            try
            {
                context.Answers = AnswersFile.Parse(files.ReadText(RepoLayout.AnswersFile)!, RepoLayout.AnswersFile);
            }
            catch (YamlFormatException e)
            {
                context.Report(DiagnosticCatalog.AnswersFileInvalid, e.Mark, $"the answers file is incomplete: {e.Problem}");
            }
        }

        var answers = context.AnswersDocument?.Root?["answers"] as JsonObject;
        var name = Text(answers?["name"]);
        context.ReleaseName = name is not null && ReleaseName().IsMatch(name) ? name : "kafka";
        var ns = Text(answers?["namespace"]);
        context.Namespace = ns is { Length: > 0 } && ReleaseName().IsMatch(ns) ? ns : context.ReleaseName;
        context.Ci = Text(answers?["ci"])
            ?? (files.Exists(RepoLayout.GitLabCi) ? "gitlab" : files.FolderExists(RepoLayout.GitHubWorkflowsFolder) ? "github" : null);
        return context;
    }

    /// <summary>A YAML file every other check builds on; unreadable YAML there stops validation (exit code 2).</summary>
    private static YamlDocument? ReadYaml(RepoFiles files, string path, IReadOnlyList<Engine.FileSets.UnresolvedConflict> conflicts)
    {
        // Markers make YAML unreadable; KT1007 names them, and the checks that need this file wait for the fix.
        if (conflicts.Any(c => c.Path == path)) return null;
        if (files.ReadText(path) is not { } text) return null;
        try
        {
            return SafeYaml.Read(text, path);
        }
        catch (YamlFormatException e)
        {
            throw new InvalidRepoException($"{e.Message}. {path} must be readable YAML before the repo can be validated; fix it and validate again");
        }
    }

    private static async Task RenderAndCheckAsync(ValidationContext context, CancellationToken cancellationToken)
    {
        const string rendering = "helm lint, helm template and the checks of rendered objects and alerts";
        if (context.Conflicts.Count > 0)
        {
            context.Skip(rendering, "files hold unresolved conflict markers (see KT1007); resolve them first");
            return;
        }
        if (context.Chart is null || context.Values is null || !context.Files.FolderExists(RepoLayout.TemplatesFolder))
        {
            context.Skip(rendering, "the chart is incomplete (see KT1004)");
            return;
        }
        var blocking = context.Diagnostics.Sorted().Where(d => d.Severity == Severity.Error && d.Descriptor.BlocksRendering)
            .Select(d => d.Code).Distinct().ToList();
        if (blocking.Count > 0)
        {
            context.Skip(rendering, $"fix the chart and values errors first ({string.Join(", ", blocking)}); helm would only report them again");
            return;
        }
        var helm = context.Options.HelmPath ?? ToolLocator.Find("helm", context.Options.SearchPath);
        if (helm is null)
        {
            context.Report(DiagnosticCatalog.HelmNotFound, new SourceMark(RepoLayout.ChartFile, 1, 1),
                "helm is not on PATH (or give it with --helm <path>), so the chart was not linted or rendered and the Kubernetes object and alert checks did not run");
            context.Skip(rendering, "helm was not found");
            return;
        }

        var runner = new HelmRunner(helm, context.Files.Root, context.ReleaseName, context.Namespace, context.Options.ToolTimeout);
        var sets = ValueSet.For(context.Values);
        var templates = await Task.WhenAll(sets.Select(s => runner.TemplateAsync(s, cancellationToken)));
        var charts = new List<RenderedChart>();
        for (var i = 0; i < sets.Count; i++)
        {
            if (templates[i].ExitCode != 0)
            {
                var (at, message) = HelmMessage.Parse(templates[i].StandardError + "\n" + templates[i].StandardOutput, RepoLayout.ChartFile, key => ChartKey(context, key));
                context.Report(DiagnosticCatalog.HelmTemplateFailed, at, $"helm template fails: {message}", sets[i].Context);
                continue;
            }
            charts.Add(new RenderedChart(sets[i],
                [.. ManifestSplitter.Split(templates[i].StandardOutput, RepoLayout.ChartFolder).Select(d => ManifestReader.Read(d.SourceFile, d.Text))]));
        }

        // Lint what renders; for a value set that does not render, lint would only repeat helm template's error.
        var linted = charts.Select(c => c.ValueSet).ToList();
        var lints = await Task.WhenAll(linted.Select(s => runner.LintAsync(s, cancellationToken)));
        for (var i = 0; i < linted.Count; i++) ReportLint(context, linted[i], lints[i]);

        foreach (var chart in charts)
        {
            new ManifestModelRule().Check(context, chart);
            if (chart.ReadCleanly)
                foreach (var rule in ObjectRules) rule.Check(context, chart);
            else
                context.Skip($"Kubernetes object rules ({chart.ValueSet.Name})", "an object did not read strictly (KT3001-KT3004); fix that first");
            foreach (var rule in AlertRules) rule.Check(context, chart);
        }
        await PromtoolCheck.RunAsync(context, charts, cancellationToken);
    }

    private static void ReportLint(ValidationContext context, ValueSet set, ToolResult result)
    {
        var findings = LintFinding.Parse(result.StandardOutput + "\n" + result.StandardError);
        foreach (var finding in findings)
        {
            var file = finding.Path.TrimEnd('/') switch
            {
                "" or "templates" => RepoLayout.ChartFile,
                var p => RepoLayout.ChartFolder + "/" + p,
            };
            var (at, message) = HelmMessage.Parse(finding.Message, file, key => ChartKey(context, key));
            if (at.Line == 1 && at.File.StartsWith(RepoLayout.TemplatesFolder + "/", StringComparison.Ordinal) && message.Contains("object name", StringComparison.Ordinal))
                at = context.Sources.Locate(at.File, ManifestPath.Of("metadata", "name"));
            context.Report(DiagnosticCatalog.HelmLintFailed, at, $"helm lint --strict: {message}", set.Context);
        }
        if (findings.Count == 0 && result.ExitCode != 0)
            context.Report(DiagnosticCatalog.HelmLintFailed, new SourceMark(RepoLayout.ChartFile, 1, 1),
                $"helm lint --strict fails: {HelmMessage.Normalize(result.StandardError + "\n" + result.StandardOutput)}", set.Context);
    }

    private static SourceMark? ChartKey(ValidationContext context, string key) =>
        context.Chart?.Root is JsonObject root ? (root.ContainsKey(key) ? context.Chart.KeyMarkOf(root, key) : context.Chart.MarkOf(root)) : null;

    private static ValidationReport Finish(ValidationContext context, TimeSpan staticDuration, TimeSpan renderingDuration)
    {
        var diagnostics = context.Diagnostics.Sorted();
        if (context.Options.WarningsAsErrors)
            diagnostics = [.. diagnostics.Select(d => d.Severity == Severity.Warning ? d with { Severity = Severity.Error } : d)];
        return new ValidationReport(context.Files.Root, diagnostics, context.Skipped)
        {
            StaticDuration = staticDuration,
            RenderingDuration = renderingDuration,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Helm release names: DNS-1123 labels of at most 53 characters.</summary>
    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$")]
    private static partial Regex ReleaseName();
}
