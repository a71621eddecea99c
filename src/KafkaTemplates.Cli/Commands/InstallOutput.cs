using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Installation;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.Installation.Hooks;
using KafkaTemplates.Installation.Preflight;
using KafkaTemplates.Installation.Wait;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// How the CLI shows an install, for <c>install</c> and for <c>new</c> when the answers ask for one: progress as it
/// runs, then the plan or what was applied and the rollout, and failures with the exit code they mean.
/// </summary>
internal static class InstallOutput
{
    /// <summary>An install that could not start or finish; the exit code: 2 bad input, 1 a problem on the cluster side.</summary>
    public static int Failure(CliConsoles consoles, Exception e)
    {
        switch (e)
        {
            case InstallInputException:
                consoles.Problem(e.Message);
                consoles.Error.MarkupLine("Nothing was changed.");
                return ExitCodes.BadInput;
            case ClusterUnreachableException:
                consoles.Problem($"cannot reach the cluster: {e.Message}. Check that it is running and that the kubeconfig and {Engine.Text.Setting.Context} point at it (`kubectl cluster-info`).");
                return ExitCodes.Problems;
            default:
                consoles.Problem(e.Message);
                return ExitCodes.Problems;
        }
    }

    /// <summary>Shows how the install went; the exit code: 0 installed or planned, 1 problems on the cluster side.</summary>
    public static int Print(CliConsoles consoles, CliEnvironment environment, InstallResult result, InstallOptions options)
    {
        PrintResult(consoles, result, options);
        return result.Succeeded ? ExitCodes.Success : ExitCodes.Problems;
    }

    private static void PrintResult(CliConsoles consoles, InstallResult result, InstallOptions options)
    {
        var output = consoles.Out;

        if (result.Outcome == InstallOutcome.PreflightFailed)
        {
            if (result.Plan is not null) PrintPlan(consoles, result);
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
            if (result.Plan is not null) PrintPlan(consoles, result);
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
            foreach (var skipped in result.Skipped) output.MarkupLineInterpolated($"[grey]skipped   {skipped.Ref}: {consoles.Flags(skipped.Detail ?? "")}[/]");
            foreach (var kept in plan.Changes.Where(c => c.Kind == ChangeKind.Keep)) output.MarkupLineInterpolated($"[grey]kept      {kept.Ref}: {kept.Detail}[/]");
            var summary = $"{plan.Count(ChangeKind.Create)} created, {plan.Count(ChangeKind.Change)} changed, {plan.Count(ChangeKind.Delete)} deleted, {plan.Count(ChangeKind.Unchanged)} unchanged{(plan.Count(ChangeKind.Hook) is var hooks and > 0 ? $", {hooks} hook{(hooks == 1 ? "" : "s")} run" : "")}";
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
        PrintHooks(consoles, result);
    }

    private static void PrintHooks(CliConsoles consoles, InstallResult result)
    {
        foreach (var hook in result.Hooks)
        {
            var where = hook.LogCommand is null ? "" : $" Its log: `{hook.LogCommand}`.";
            switch (hook.Status)
            {
                case HookStatus.Succeeded:
                    consoles.Out.MarkupLineInterpolated($"Hook {hook.Hook} ({hook.Event}): {hook.Detail}.{where}");
                    break;
                case HookStatus.NotRun:
                    consoles.Error.MarkupLineInterpolated($"[grey]Hook {hook.Hook} ({hook.Event}): {hook.Detail}.[/]");
                    break;
                default:
                    consoles.Problem($"the {hook.Event} hook {hook.Hook} {hook.Detail}.{where}");
                    break;
            }
        }
        if (result.Outcome == InstallOutcome.HookFailed)
            consoles.Error.MarkupLine("The release's objects are applied, but the install failed: fix what the hook's log names, then install again (the hook runs again).");
    }

    private static void PrintPreflight(CliConsoles consoles, PreflightReport report)
    {
        foreach (var problem in report.Problems.OrderBy(p => p.Severity))
        {
            var label = problem.Severity == ProblemSeverity.Error ? "[red]preflight[/]" : "[yellow]warning[/]";
            consoles.Error.MarkupLine($"{label} {Markup.Escape(problem.Check)}: {Markup.Escape(consoles.Flags(problem.Message))}");
            if (problem.Fix is not null) consoles.Error.MarkupLineInterpolated($"    [grey]fix:[/] {consoles.Flags(problem.Fix)}");
        }
        if (report.Passed.Count > 0 && !report.HasErrors)
            consoles.Error.MarkupLineInterpolated($"[grey]Preflight passed: {string.Join(", ", report.Passed)}.[/]");
    }

    private static void PrintPlan(CliConsoles consoles, InstallResult result)
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
                ChangeKind.Hook => (">", "run hook", "blue"),
                _ => ("*", "apply", "blue"),
            };
            var detail = c.Detail is null ? "" : $"  ({consoles.Flags(c.Detail)})";
            output.MarkupLine($"  [{colour}]{symbol} {word,-9}[/] {Markup.Escape(c.Ref.ToString())}{Markup.Escape(detail)}");
        }
        output.MarkupLineInterpolated($"{plan.Count(ChangeKind.Create)} to create, {plan.Count(ChangeKind.Change)} to change, {plan.Count(ChangeKind.Delete)} to delete, {plan.Count(ChangeKind.Unchanged)} unchanged, {plan.Count(ChangeKind.Apply)} to apply{(plan.Count(ChangeKind.Hook) is var hooks and > 0 ? $", {hooks} hook{(hooks == 1 ? "" : "s")} to run" : "")}.");
    }

    /// <summary>Shows the install as it runs: steps and notices on standard error, writes on standard output, live rollout progress on a terminal.</summary>
    public sealed class Observer(CliConsoles consoles, CliEnvironment environment) : IInstallObserver
    {
        private bool Live => environment.IsTerminal && !environment.IsCi;

        public void Step(string message)
        {
            if (!environment.IsCi) consoles.Error.MarkupLineInterpolated($"[grey]{message}...[/]");
        }

        public void PreflightCompleted(PreflightReport report) => PrintPreflight(consoles, report);

        public void Notice(string message) => consoles.Error.MarkupLineInterpolated($"[grey]note:[/] {consoles.Flags(message)}");

        public void Applied(PlannedChange change)
        {
            var word = change.Kind switch { ChangeKind.Create => "created", ChangeKind.Change => "changed", ChangeKind.Delete => "deleted", _ => change.Kind.ToString().ToLowerInvariant() };
            consoles.Out.MarkupLineInterpolated($"{word,-9} {change.Ref}{(change.Detail is null ? "" : $"  ({consoles.Flags(change.Detail)})")}");
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
