using KafkaTemplates.Engine.Tools;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
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
using KafkaTemplates.Validation.Rules.Security;

namespace KafkaTemplates.Validation;

/// <summary>
/// The validate step of the pipeline. It reads the repo (answers file, Chart.yaml, values.yaml), runs the file checks
/// (repo, chart, Kafka, exporter, image, CI), then renders the chart with helm for the repo's values and with every
/// feature switch on, and checks what helm produced (Kubernetes objects, alerts, promtool). Helm runs only once the
/// chart and values have no errors of their own, since it would report them again with a vaguer location.
/// </summary>
public sealed class RepoValidator
{
    // Internal so the portal's own chart and Dockerfile (deploy/portal) are judged by the very same rules.
    internal static readonly IRepoRule[] FileRules =
    [
        new ConflictMarkersRule(), new AnswersFileRule(), new RequiredFilesRule(), new ExecutableScriptsRule(),
        new ChartMetadataRule(), new AppVersionMatchesImageRule(), new ValuesSchemaRule(),
        new ReplicationRule(), new ControllerQuorumRule(), new HeapRule(), new PortsRule(), new QuantitiesRule(), new ManagedConfigRule(),
        new DeclaredTopicsRule(),
        new ListenerSecurityRule(),
        new ExporterConfigRule(),
        new BaseImageRule(), new NonRootUserRule(), new VerifiedDownloadsRule(), new PipefailRule(),
        new GitHubWorkflowRule(), new GitLabCiRule(),
    ];

    /// <summary>Need every object to have read strictly: they reason over typed Kubernetes models.</summary>
    internal static readonly IRenderedChartRule[] ObjectRules =
    [
        new WorkloadSelectorRule(), new ServiceSelectionRule(), new PodDisruptionBudgetRule(), new HeadlessServiceRule(),
        new ProbePortRule(), new SecurityContextRule(), new ResourcesRule(), new ImageTagRule(), new AntiAffinityRule(),
        new NetworkPolicyRule(), new ServiceAccountRule(), new TlsSecretsRule(), new PrincipalsRule(),
    ];

    private static readonly IRenderedChartRule[] AlertRules =
    [
        new PrometheusRuleStructureRule(), new AlertMetadataRule(), new AlertMetricsRule(), new DashboardMetricsRule(),
    ];

    /// <summary>Validates the repo in a folder: every check, with helm and promtool when they can be found.</summary>
    /// <exception cref="InvalidRepoException">The folder cannot be validated at all; the message says why.</exception>
    public Task<ValidationReport> ValidateAsync(string repoDir, ValidationOptions options, CancellationToken cancellationToken = default) =>
        ValidateAsync(FilesIn(repoDir), options, cancellationToken);

    /// <summary>
    /// Validates a repo's files wherever they are, in memory or on disk: every check, with helm and promtool when
    /// they can be found. Files in memory are copied to a temporary folder for helm alone.
    /// </summary>
    /// <exception cref="InvalidRepoException">The files cannot be validated at all; the message says why.</exception>
    public async Task<ValidationReport> ValidateAsync(RepoFiles files, ValidationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (helm, promtool) = Tools(options);
        var clock = Stopwatch.StartNew();
        try
        {
            var context = Load(files, options);
            foreach (var rule in FileRules) rule.Check(context);
            var staticDuration = clock.Elapsed;
            await RenderAndCheckAsync(context, helm, promtool, cancellationToken);
            return Finish(context, staticDuration, clock.Elapsed - staticDuration);
        }
        catch (RepoFileException e)
        {
            throw new InvalidRepoException(e.Message);
        }
    }

    /// <summary>
    /// The file checks alone: never starts helm or promtool, and reports no missing helm. This is what a dry run
    /// shows (milliseconds, no child processes), and what the benchmark of validating without helm measures.
    /// </summary>
    public ValidationReport ValidateFiles(RepoFiles files, ValidationOptions? options = null)
    {
        options ??= new ValidationOptions();
        var clock = Stopwatch.StartNew();
        try
        {
            var context = Load(files, options);
            foreach (var rule in FileRules) rule.Check(context);
            context.Skip("helm lint, helm template and the checks of rendered objects and alerts", "only the file checks ran");
            return Finish(context, clock.Elapsed, TimeSpan.Zero);
        }
        catch (RepoFileException e)
        {
            throw new InvalidRepoException(e.Message);
        }
    }

    /// <summary>The file checks of the repo in a folder; see <see cref="ValidateFiles(RepoFiles, ValidationOptions?)"/>.</summary>
    public ValidationReport ValidateFiles(string repoDir, ValidationOptions? options = null) => ValidateFiles(FilesIn(repoDir), options);

    /// <summary>The files of the repo in a folder, which must exist.</summary>
    /// <exception cref="InvalidRepoException">The folder does not exist.</exception>
    public static RepoFiles FilesIn(string repoDir) =>
        Directory.Exists(repoDir)
            ? RepoFiles.InFolder(repoDir)
            : throw new InvalidRepoException($"the folder '{repoDir}' does not exist; give the folder of a deployment repo");

    /// <summary>helm and promtool as the options name them; null where they are to be looked up, or not found.</summary>
    private static (Helm? Helm, string? Promtool) Tools(ValidationOptions options)
    {
        Helm? helm;
        try
        {
            helm = Helm.Find(options.HelmPath, options.SearchPath);
        }
        catch (ToolNotFoundException e)
        {
            throw new InvalidRepoException(e.Message);
        }
        if (options.PromtoolPath is not null && !File.Exists(options.PromtoolPath))
            throw new InvalidRepoException($"the promtool executable '{options.PromtoolPath}' does not exist; give the path of promtool, or leave it out to use the one on PATH");
        return (helm is null ? null : new Helm(helm.Executable) { Timeout = options.ToolTimeout },
            options.PromtoolPath ?? ToolLocator.Find("promtool", options.SearchPath));
    }

    private static ValidationContext Load(RepoFiles files, ValidationOptions options)
    {
        if (!files.Exists(RepoLayout.AnswersFile) && !files.Exists(RepoLayout.ChartFile))
            throw new InvalidRepoException(
                $"'{Display(files)}' is not a deployment repo: it has neither {RepoLayout.AnswersFile} nor {RepoLayout.ChartFile}. Give the folder the hypertrace-kafka template created");

        var conflicts = files.Conflicts();
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
                context.Answers = AnswersFile.From(context.AnswersDocument);
            }
            catch (YamlFormatException e)
            {
                context.Report(DiagnosticCatalog.AnswersFileInvalid, e.Mark, $"the answers file is incomplete: {e.Problem}");
            }
        }

        var answers = context.AnswersDocument?.Root?["answers"] as JsonObject;
        try
        {
            context.Identity = ReleaseIdentity.Derive(answers, files.Name);
        }
        catch (ReleaseIdentityException e)
        {
            context.IdentityProblem = e.Message;
        }
        context.Ci = Text(answers?["ci"])
            ?? (files.Exists(RepoLayout.GitLabCi) ? "gitlab" : files.FolderExists(RepoLayout.GitHubWorkflowsFolder) ? "github" : null);
        return context;
    }

    /// <summary>How reports and messages name the repo: its folder, or its name when it is not written yet.</summary>
    private static string Display(RepoFiles files) => files.Folder ?? files.Name;

    /// <summary>A YAML file every other check builds on; unreadable YAML there stops validation (exit code 2).</summary>
    private static YamlDocument? ReadYaml(RepoFiles files, string path, IReadOnlyList<Engine.FileSets.UnresolvedConflict> conflicts)
    {
        // Markers make YAML unreadable; KT1007 names them, and the checks that need this file wait for the fix.
        if (conflicts.Any(c => c.Path == path)) return null;
        try
        {
            return files.ReadYaml(path);
        }
        catch (YamlFormatException e)
        {
            throw new InvalidRepoException($"{e.Message}. {path} must be readable YAML before the repo can be validated; fix it and validate again");
        }
    }

    private static async Task RenderAndCheckAsync(ValidationContext context, Helm? helm, string? promtool, CancellationToken cancellationToken)
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
        if (helm is null)
        {
            context.Report(DiagnosticCatalog.HelmNotFound, new SourceMark(RepoLayout.ChartFile, 1, 1),
                "helm is not on PATH, so the chart was not linted or rendered and the Kubernetes object and alert checks did not run");
            context.Skip(rendering, "helm was not found");
            return;
        }
        if (context.Identity is not { } identity)
        {
            context.Skip(rendering, context.IdentityProblem!);
            return;
        }

        using var disk = context.Files.OnDisk(RepoLayout.ChartFolder);
        var sets = ValueSet.For(context.Values);
        HelmChart Chart(ValueSet values) => new(RepoLayout.ChartFolder, identity.Release, identity.Namespace)
        {
            WorkingDirectory = disk.Root,
            Sets = values.Overrides,
            // The Prometheus operator's API, so templates that check .Capabilities render their monitoring objects.
            ApiVersions = ["monitoring.coreos.com/v1"],
        };
        var templates = await Task.WhenAll(sets.Select(s => helm.TemplateAsync(Chart(s), includeCrds: false, cancellationToken)));
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
                [.. HelmOutput.Split(templates[i].StandardOutput).Select(d => ManifestReader.Read(d.RepoPath(RepoLayout.ChartFolder), d.Text))]));
        }

        // Lint what renders; for a value set that does not render, lint would only repeat helm template's error.
        var linted = charts.Select(c => c.ValueSet).ToList();
        var lints = await Task.WhenAll(linted.Select(s => helm.LintAsync(Chart(s), cancellationToken)));
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
        await PromtoolCheck.RunAsync(context, charts, promtool, cancellationToken);
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
        return new ValidationReport(Display(context.Files), diagnostics, context.Skipped)
        {
            StaticDuration = staticDuration,
            RenderingDuration = renderingDuration,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
