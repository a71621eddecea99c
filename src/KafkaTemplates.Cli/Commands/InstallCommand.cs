using System.ComponentModel;
using System.Text.RegularExpressions;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Installation;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.Installation.Preflight;
using KafkaTemplates.Installation.Rendering;
using KafkaTemplates.Installation.Wait;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates install</c>: the pipeline's last stage. Renders the repo's chart against the cluster, runs every
/// preflight check, applies with server-side apply (or helm), prunes, and waits for the rollout.
/// Exit codes: 0 installed (or planned); 1 the cluster side has problems (preflight, RBAC, conflicts, unreachable
/// cluster, rollout timeout, helm failure); 2 bad input (flags, no kubeconfig, unknown context, not a deployment repo,
/// values the chart rejects, no helm).
/// </summary>
public sealed partial class InstallCommand(CliConsoles consoles, CliEnvironment environment, InstallerDefaults defaults)
    : AsyncCommand<InstallCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The deployment repo to install: the folder holding helm/Chart.yaml (and .kafka-templates.yaml).")]
        public string Directory { get; init; } = "";

        [CommandOption("-n|--namespace <NAMESPACE>")]
        [Description("Namespace to install into. Default: the repo's recorded namespace answer, else its name.")]
        public string? Namespace { get; init; }

        [CommandOption("--kubeconfig <FILE>")]
        [Description("Kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.")]
        public string? Kubeconfig { get; init; }

        [CommandOption("--context <CONTEXT>")]
        [Description("Kubeconfig context to use. Default: the kubeconfig's current-context.")]
        public string? Context { get; init; }

        [CommandOption("--release <NAME>")]
        [Description("Release name; object names and the inventory derive from it. Default: the repo's name answer, else the folder name.")]
        public string? Release { get; init; }

        [CommandOption("-f|--values <FILE>")]
        [Description("Extra Helm values file, on top of helm/values.yaml. Repeat for more; later files win.")]
        public string[] Values { get; init; } = [];

        [CommandOption("--dry-run [MODE]")]
        [Description("Show the plan and change nothing. client (the default): no cluster needed; with one, each object shows as created, changed or unchanged. server: the API server validates every write with dryRun=All.")]
        public FlagValue<string> DryRun { get; init; } = new();

        [CommandOption("--wait")]
        [Description("Wait until every StatefulSet is ready and updated. On timeout, print pod states and recent events and exit 1.")]
        public bool Wait { get; init; }

        [CommandOption("--timeout <DURATION>")]
        [Description("How long --wait waits, e.g. 90s, 10m, 1h.")]
        [DefaultValue("10m")]
        public string Timeout { get; init; } = "10m";

        [CommandOption("--mode <MODE>")]
        [Description("apply: server-side apply by kafka-templates, with an inventory for pruning. helm: delegate to `helm upgrade --install`.")]
        [DefaultValue("apply")]
        public string Mode { get; init; } = "apply";

        [CommandOption("--helm <PATH>")]
        [Description("The helm binary used to render (and, in helm mode, to install). Default: helm on PATH.")]
        public string? Helm { get; init; }

        [CommandOption("--create-namespace")]
        [Description("Create the namespace when it does not exist, labelled as managed by kafka-templates (Pod Security: restricted).")]
        public bool CreateNamespace { get; init; }

        public override ValidationResult Validate()
        {
            if (Mode is not ("apply" or "helm")) return ValidationResult.Error($"--mode must be apply or helm, not '{Mode}'");
            if (DryRun.IsSet && DryRun.Value is not (null or "client" or "server")) return ValidationResult.Error($"--dry-run must be client or server, not '{DryRun.Value}'");
            if (!DurationParser.TryParse(Timeout, out _)) return ValidationResult.Error($"--timeout '{Timeout}' is not a duration: write e.g. 90s, 10m or 1h");
            if (Namespace is not null && !Dns1123Label().IsMatch(Namespace)) return ValidationResult.Error($"--namespace '{Namespace}' is not a valid namespace name (lower-case letters, digits and '-', at most 63)");
            if (Release is not null && (!Dns1123Label().IsMatch(Release) || Release.Length > 53)) return ValidationResult.Error($"--release '{Release}' is not a valid release name (lower-case letters, digits and '-', at most 53)");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var repoPath = environment.ResolvePath(settings.Directory);
        consoles.RecoverFolder(repoPath);
        // The folder first: a missing namespace is not the problem when the folder is wrong.
        try
        {
            DeploymentRepo.CheckIsRepo(repoPath);
        }
        catch (InstallInputException e)
        {
            throw new UsageException(e.Message);
        }
        var (release, ns) = Identity(settings, repoPath);
        if (!DurationParser.TryParse(settings.Timeout, out var timeout)) throw new UsageException($"--timeout '{settings.Timeout}' is not a duration");
        var options = new InstallOptions
        {
            RepoPath = repoPath,
            Namespace = ns,
            Release = release,
            ValuesFiles = settings.Values.Select(environment.ResolvePath).ToList(),
            DryRun = !settings.DryRun.IsSet ? DryRunMode.None : settings.DryRun.Value == "server" ? DryRunMode.Server : DryRunMode.Client,
            Mode = settings.Mode == "helm" ? InstallMode.Helm : InstallMode.Apply,
            Wait = settings.Wait,
            Timeout = timeout,
            CreateNamespace = settings.CreateNamespace,
            HelmPath = settings.Helm is null ? null : environment.ResolvePath(settings.Helm),
            Connection = new ConnectionOptions
            {
                KubeconfigPath = settings.Kubeconfig is null ? null : environment.ResolvePath(settings.Kubeconfig),
                Context = settings.Context,
                Variables = environment.Variables,
            },
            Retry = defaults.Retry,
        };

        var observer = new ConsoleObserver(consoles, environment);
        InstallResult result;
        try
        {
            result = await new Installer(options, observer).RunAsync(cancellationToken);
        }
        catch (InstallInputException e)
        {
            consoles.Problem(e.Message);
            consoles.Error.MarkupLine("Nothing was changed.");
            return ExitCodes.BadInput;
        }
        catch (ClusterUnreachableException e)
        {
            consoles.Problem($"cannot reach the cluster: {e.Message}. Check that it is running and that the kubeconfig and --context point at it (`kubectl cluster-info`).");
            return ExitCodes.Problems;
        }
        catch (KubeApiException e)
        {
            consoles.Problem(e.Message);
            return ExitCodes.Problems;
        }
        catch (InvalidDataException e)
        {
            consoles.Problem(e.Message);
            return ExitCodes.Problems;
        }

        Print(result, options);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Problems;
    }

    /// <summary>Release and namespace: the flags, else the repo's answers file, else the folder's name.</summary>
    private static (string Release, string Namespace) Identity(Settings settings, string repoPath)
    {
        string? recordedName = null, recordedNamespace = null;
        var answersPath = Path.Combine(repoPath, AnswersFile.FileName);
        if (File.Exists(answersPath))
        {
            try
            {
                var answers = AnswersFile.Read(answersPath).Answers;
                recordedName = answers["name"]?.ToString();
                recordedNamespace = answers["namespace"]?.ToString();
            }
            catch (Exception e) when (e is Engine.Yaml.YamlFormatException or InvalidDataException or FormatException)
            {
                throw new UsageException($"{AnswersFile.FileName} cannot be read ({e.Message}): fix it, or pass --release and --namespace");
            }
        }
        var release = settings.Release ?? (string.IsNullOrEmpty(recordedName) ? Path.GetFileName(repoPath.TrimEnd(Path.DirectorySeparatorChar)) : recordedName);
        if (!Dns1123Label().IsMatch(release) || release.Length > 53)
            throw new UsageException($"'{release}' cannot be a release name (lower-case letters, digits and '-', at most 53): pass --release");
        var ns = settings.Namespace ?? (string.IsNullOrEmpty(recordedNamespace) ? recordedName : recordedNamespace);
        if (string.IsNullOrEmpty(ns))
            throw new UsageException("give the namespace to install into with --namespace <NAMESPACE>");
        if (!Dns1123Label().IsMatch(ns)) throw new UsageException($"'{ns}' is not a valid namespace name: pass --namespace");
        return (release, ns);
    }

    private void Print(InstallResult result, InstallOptions options)
    {
        var output = consoles.Out;

        if (result.Outcome == InstallOutcome.PreflightFailed)
        {
            if (result.Plan is not null) PrintPlan(result);
            var count = result.Preflight.Errors.Count();
            consoles.Problem($"preflight found {count} problem{(count == 1 ? "" : "s")}; nothing was changed.");
            return;
        }

        if (result.Outcome == InstallOutcome.Conflicts)
        {
            var applied = options.DryRun == DryRunMode.None && result.Plan?.Conflicts.Count == 0;
            consoles.Problem($"{result.Conflicts.Count} field conflict{(result.Conflicts.Count == 1 ? "" : "s")} with other field managers; nothing was forced{(applied ? " (objects before the conflict were applied)" : " and nothing was written")}:");
            foreach (var c in result.Conflicts)
                consoles.Error.MarkupLineInterpolated($"  {c.Object}: field [yellow]{c.Field}[/] is managed by [yellow]{c.Manager}[/]");
            consoles.Error.MarkupLine("Make the chart's values agree with the live value, or undo the other change (e.g. `kubectl scale` back), then install again. kafka-templates never takes a field over by force.");
            return;
        }

        if (options.DryRun != DryRunMode.None)
        {
            if (result.Plan is not null) PrintPlan(result);
            if (result.HelmOutput is not null) output.WriteLine(result.HelmOutput);
            if (result.Outcome == InstallOutcome.HelmFailed) consoles.Problem("helm upgrade --install --dry-run=server failed (see its output above).");
            else output.MarkupLine("[grey]Dry run: nothing was changed.[/]");
            return;
        }

        if (result.Outcome == InstallOutcome.HelmFailed)
        {
            consoles.Error.WriteLine(result.HelmOutput ?? "");
            consoles.Problem("helm upgrade --install failed (its output is above).");
            return;
        }

        if (result.HelmOutput is not null) output.WriteLine(result.HelmOutput);
        if (result.Plan is { } plan)
        {
            foreach (var skipped in result.Skipped) output.MarkupLineInterpolated($"[grey]skipped   {skipped.Ref}: {skipped.Detail}[/]");
            foreach (var kept in plan.Changes.Where(c => c.Kind == ChangeKind.Keep)) output.MarkupLineInterpolated($"[grey]kept      {kept.Ref}: {kept.Detail}[/]");
            var summary = $"{plan.Count(ChangeKind.Create)} created, {plan.Count(ChangeKind.Change)} changed, {plan.Count(ChangeKind.Delete)} deleted, {plan.Count(ChangeKind.Unchanged)} unchanged";
            if (plan.HasWrites) output.MarkupLineInterpolated($"Installed release [bold]{result.Release}[/] in namespace [bold]{result.Namespace}[/]: {summary}.");
            else output.MarkupLineInterpolated($"Release [bold]{result.Release}[/] in namespace [bold]{result.Namespace}[/] is up to date: nothing was written ({summary}).");
        }
        else
        {
            output.MarkupLineInterpolated($"Installed release [bold]{result.Release}[/] in namespace [bold]{result.Namespace}[/] with helm.");
        }

        if (result.Rollout is { } rollout)
        {
            if (rollout.Completed)
            {
                output.MarkupLineInterpolated($"Rolled out: {string.Join("; ", rollout.StatefulSets.Select(s => s.ToString()))}.");
            }
            else
            {
                consoles.Problem($"the rollout did not finish within {options.Timeout}:");
                foreach (var state in rollout.StatefulSets.Where(s => !s.Done)) consoles.Error.MarkupLineInterpolated($"  {state.ToString()}");
                foreach (var line in rollout.Diagnostics) consoles.Error.WriteLine(line);
            }
        }
        else if (!options.Wait)
        {
            consoles.Error.MarkupLineInterpolated($"[grey]Not waiting for the rollout: pass --wait, or run `kubectl rollout status statefulset -n {result.Namespace}`.[/]");
        }
    }

    private static void PrintPreflight(CliConsoles consoles, PreflightReport report)
    {
        foreach (var problem in report.Problems.OrderBy(p => p.Severity))
        {
            var label = problem.Severity == ProblemSeverity.Error ? "[red]preflight[/]" : "[yellow]warning[/]";
            consoles.Error.MarkupLine($"{label} {Markup.Escape(problem.Check)}: {Markup.Escape(problem.Message)}");
            if (problem.Fix is not null) consoles.Error.MarkupLineInterpolated($"    [grey]fix:[/] {problem.Fix}");
        }
        if (report.Passed.Count > 0 && !report.HasErrors)
            consoles.Error.MarkupLineInterpolated($"[grey]Preflight passed: {string.Join(", ", report.Passed)}.[/]");
    }

    private void PrintPlan(InstallResult result)
    {
        var plan = result.Plan!;
        var output = consoles.Out;
        output.MarkupLineInterpolated($"Plan for release [bold]{result.Release}[/] in namespace [bold]{result.Namespace}[/] ({plan.Basis}):");
        foreach (var c in plan.Changes.Concat(result.Skipped))
        {
            var (symbol, word, colour) = c.Kind switch
            {
                ChangeKind.Create => ("+", "create", "green"),
                ChangeKind.Change => ("~", "change", "yellow"),
                ChangeKind.Delete => ("-", "delete", "red"),
                ChangeKind.Unchanged => ("=", "unchanged", "grey"),
                ChangeKind.Keep => ("=", "keep", "grey"),
                ChangeKind.Skip => ("·", "skip", "grey"),
                _ => ("*", "apply", "blue"),
            };
            var detail = c.Detail is null ? "" : $"  ({c.Detail})";
            output.MarkupLine($"  [{colour}]{symbol} {word,-9}[/] {Markup.Escape(c.Ref.ToString())}{Markup.Escape(detail)}");
        }
        output.MarkupLineInterpolated($"{plan.Count(ChangeKind.Create)} to create, {plan.Count(ChangeKind.Change)} to change, {plan.Count(ChangeKind.Delete)} to delete, {plan.Count(ChangeKind.Unchanged)} unchanged, {plan.Count(ChangeKind.Apply)} to apply.");
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    /// <summary>Shows the install as it runs: steps and notices on standard error, writes on standard output, live rollout progress on a terminal.</summary>
    private sealed class ConsoleObserver(CliConsoles consoles, CliEnvironment environment) : IInstallObserver
    {
        private bool Live => environment.IsTerminal && !environment.IsCi;

        public void Step(string message)
        {
            if (!environment.IsCi) consoles.Error.MarkupLineInterpolated($"[grey]{message}...[/]");
        }

        public void PreflightCompleted(PreflightReport report) => PrintPreflight(consoles, report);

        public void Notice(string message) => consoles.Error.MarkupLineInterpolated($"[grey]note:[/] {message}");

        public void Applied(PlannedChange change)
        {
            var word = change.Kind switch { ChangeKind.Create => "created", ChangeKind.Change => "changed", ChangeKind.Delete => "deleted", _ => change.Kind.ToString().ToLowerInvariant() };
            consoles.Out.MarkupLineInterpolated($"{word,-9} {change.Ref}{(change.Detail is null ? "" : $"  ({change.Detail})")}");
        }

        public async Task<RolloutReport> TrackRolloutAsync(IReadOnlyList<string> statefulSets, TimeSpan timeout, Func<IProgress<IReadOnlyList<StatefulSetRollout>>, Task<RolloutReport>> wait)
        {
            if (!Live)
            {
                if (!environment.IsCi) consoles.Error.MarkupLineInterpolated($"[grey]Waiting up to {timeout} for {string.Join(", ", statefulSets)}...[/]");
                string? last = null;
                // Off a terminal a line per change; in CI nothing until the end.
                return await wait(new SyncProgress(states =>
                {
                    var line = string.Join("; ", states.Select(s => s.ToString()));
                    if (environment.IsCi || line == last) return;
                    last = line;
                    consoles.Error.MarkupLineInterpolated($"[grey]{line}[/]");
                }));
            }

            RolloutReport? report = null;
            await consoles.Error.Progress().AutoClear(false).StartAsync(async ctx =>
            {
                var tasks = statefulSets.ToDictionary(n => n, n => ctx.AddTask(Markup.Escape(n), maxValue: 1));
                report = await wait(new SyncProgress(states =>
                {
                    foreach (var s in states)
                    {
                        var task = tasks[s.Name];
                        task.MaxValue = Math.Max(1, s.Desired * 2);
                        task.Value = s.Ready + s.Updated;
                        task.Description = Markup.Escape(s.ToString());
                    }
                }));
            });
            return report!;
        }
    }

    /// <summary>Reports on the caller's thread; Progress&lt;T&gt; would post to the thread pool and reorder lines.</summary>
    private sealed class SyncProgress(Action<IReadOnlyList<StatefulSetRollout>> report) : IProgress<IReadOnlyList<StatefulSetRollout>>
    {
        public void Report(IReadOnlyList<StatefulSetRollout> value) => report(value);
    }
}
