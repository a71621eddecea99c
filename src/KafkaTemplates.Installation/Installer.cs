using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.DryRun;
using KafkaTemplates.Installation.Hooks;
using KafkaTemplates.Installation.Preflight;
using KafkaTemplates.Installation.Rendering;
using KafkaTemplates.Installation.Wait;

namespace KafkaTemplates.Installation;

/// <summary>
/// The install pipeline: connect and discover -> render with helm against the cluster's versions -> preflight (every
/// check, reported together) -> plan with a server-side dry run -> apply in dependency order, record the inventory,
/// prune -> wait for the rollout -> run the post-install/post-upgrade hooks. Dry runs stop after the plan; helm mode
/// hands the apply (and its hooks) to helm.
/// Bad input throws <see cref="InstallInputException"/>; an unreachable or refusing cluster throws
/// <see cref="Faults.ClusterUnreachableException"/> or <see cref="Faults.KubeApiException"/>; every other problem
/// is an outcome of the result.
/// </summary>
public sealed class Installer(InstallOptions options, IInstallObserver observer)
{
    private ReleaseIdentity _identity = null!;

    public async Task<InstallResult> RunAsync(CancellationToken cancellationToken)
    {
        var repo = DeploymentRepo.Open(options.RepoPath);
        _identity = repo.Identity(options.Release, options.Namespace);
        // Helm would read them too, but unbounded: read each here first, so a huge or hostile file is refused.
        foreach (var file in options.ValuesFiles) DeploymentRepo.ReadMapping(file, file);
        Helm helm;
        try
        {
            helm = Helm.Locate(options.HelmPath, options.Connection.Variables.TryGetValue("PATH", out var p) ? p : options.Connection.Variables.GetValueOrDefault("Path", ""));
        }
        catch (ToolNotFoundException e)
        {
            throw new InstallInputException(e.Message, e);
        }
        var renderer = new ReleaseRenderer(helm);

        var source = options.DryRun == DryRunMode.Client ? KubeconfigLocator.TryLocate(options.Connection) : KubeconfigLocator.Locate(options.Connection);
        ClusterConnection? connection = null;
        try
        {
            ClusterCapabilities? capabilities = null;
            if (source is not null)
            {
                connection = ClusterConnector.Connect(source, options.Connection.Context, options.Retry, notice => observer.Notice(notice.ToString()));
                observer.Step($"Connecting to {connection.Describe()}");
                try
                {
                    capabilities = await ApiDiscovery.DiscoverAsync(connection, cancellationToken);
                }
                catch (Exception e) when (options.DryRun == DryRunMode.Client && e is Faults.ClusterUnreachableException or Faults.KubeApiException)
                {
                    observer.Notice($"the cluster cannot be read ({e.Message}); planning without it");
                    connection.Dispose();
                    connection = null;
                }
            }
            return await RunWithClusterAsync(repo, renderer, connection, capabilities, cancellationToken);
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private async Task<InstallResult> RunWithClusterAsync(DeploymentRepo repo, ReleaseRenderer renderer, ClusterConnection? connection, ClusterCapabilities? capabilities, CancellationToken cancellationToken)
    {
        var ns = _identity.Namespace;
        var release = _identity.Release;
        var result = new InstallResult(InstallOutcome.Installed, release, ns) { Cluster = connection?.Describe() };
        var report = result.Preflight;

        var chart = new HelmChart(repo.ChartDirectory, release, ns)
        {
            WorkingDirectory = repo.Root,
            ValuesFiles = options.ValuesFiles,
            // Helm refuses to render for a version outside the chart's kubeVersion; preflight reports that instead, with the rest.
            KubeVersion = capabilities is not null && KubeVersionCheck.Satisfied(repo.KubeVersion, capabilities.ServerVersion) ? capabilities.GitVersion : null,
            ApiVersions = capabilities?.HelmApiVersions() ?? [],
        };
        observer.Step($"Rendering chart {repo.ChartName} {repo.ChartVersion} as release {release} in namespace {ns}");
        var rendered = await renderer.RenderAsync(chart, cancellationToken);
        var objects = ObjectResolver.Resolve(rendered.Objects, capabilities, release, ns);

        LiveState? live = null;
        HookPlan hooks;
        if (connection is not null && capabilities is not null)
        {
            live = await LiveState.ReadAsync(connection.Api, objects, release, ns, cancellationToken);
            (chart, rendered, objects) = await PinClusterIdentityAsync(repo, renderer, chart, rendered, objects, live, report, capabilities, cancellationToken);
            KeepGeneratedSecrets(objects, live);
            hooks = PlanHooks(rendered, capabilities, live);
            observer.Step("Preflight checks");
            var context = new PreflightContext(options, _identity, repo, connection, capabilities, objects, live) { Hooks = hooks.Run.Select(h => h.Object).ToList() };
            await PreflightRunner.RunAsync(context, report, cancellationToken);
            observer.PreflightCompleted(report);
        }
        else hooks = PlanHooks(rendered, capabilities, live);

        // Helm mode hands hooks to helm; apply mode runs the post-install/post-upgrade ones itself and says why it skips the rest.
        if (options.Mode == InstallMode.Apply) result = result with { Skipped = hooks.Skipped };

        if (options.DryRun == DryRunMode.Client)
        {
            var changes = ClientPlanner.Plan(objects, live);
            if (connection is not null && capabilities is not null && live is not null)
                changes.AddRange(await Pruner.PlanAsync(connection.Api, capabilities, PruneCandidates(live, objects), release, cancellationToken));
            if (options.Mode == InstallMode.Apply) changes.AddRange(hooks.Changes(options.Wait));
            return result with
            {
                Outcome = report.HasErrors ? InstallOutcome.PreflightFailed : InstallOutcome.Planned,
                Plan = new InstallPlan(changes, [], ClientPlanner.Basis(connection)),
            };
        }
        if (report.HasErrors) return result with { Outcome = InstallOutcome.PreflightFailed };

        return options.Mode == InstallMode.Helm
            ? await HelmModeAsync(result, renderer.Helm, chart, connection!, live!, objects, cancellationToken)
            : await ApplyModeAsync(result, repo, connection!, capabilities!, live!, objects, hooks, cancellationToken);
    }

    /// <summary>A release with no inventory yet is a first install (post-install hooks); any later one an upgrade (post-upgrade).</summary>
    private HookPlan PlanHooks(RenderedRelease rendered, ClusterCapabilities? capabilities, LiveState? live) =>
        HookPlan.For(ObjectResolver.Resolve(rendered.Hooks, capabilities, _identity.Release, _identity.Namespace), firstInstall: live?.Inventory is null);

    private async Task<InstallResult> ApplyModeAsync(InstallResult result, DeploymentRepo repo, ClusterConnection connection, ClusterCapabilities capabilities, LiveState live, IReadOnlyList<ResolvedObject> objects, HookPlan hooks, CancellationToken cancellationToken)
    {
        var api = connection.Api;
        var ns = _identity.Namespace;
        var release = _identity.Release;
        var dryRun = options.DryRun == DryRunMode.Server;
        var changes = new List<PlannedChange>();

        var namespaceMissing = live.NamespaceExists == false;
        if (namespaceMissing)
        {
            await NamespaceProvisioner.CreateAsync(api, ns, release, dryRun, cancellationToken);
            var created = new PlannedChange(new ObjectRef("v1", "Namespace", null, ns), ChangeKind.Create, "labelled as managed by kafka-templates");
            changes.Add(created);
            if (!dryRun)
            {
                observer.Applied(created);
                namespaceMissing = false;
            }
        }

        observer.Step(dryRun ? "Planning (server-side dry run)" : "Planning with a server-side dry run");
        var (planned, conflicts) = await ServerPlanner.PlanAsync(api, objects, live, namespaceMissing, cancellationToken);
        changes.AddRange(planned);
        var prune = await Pruner.PlanAsync(api, capabilities, PruneCandidates(live, objects), release, cancellationToken);

        var chart = $"{repo.ChartName}-{repo.ChartVersion}";
        var inventoryRef = ReleaseInventory.RefFor(release, ns);
        var inventoryPath = ReleaseInventory.Resource.ObjectPath(ns, inventoryRef.Name);
        var finalInventory = ReleaseInventory.Build(release, ns, chart, objects.Select(o => o.Ref));
        var inventoryChanges = InventoryNeedsWrite(live.InventoryObject, finalInventory);
        if (inventoryChanges) changes.Add(new PlannedChange(inventoryRef, live.InventoryObject is null ? ChangeKind.Create : ChangeKind.Change, "release inventory"));
        else changes.Add(new PlannedChange(inventoryRef, ChangeKind.Unchanged, "release inventory"));
        changes.AddRange(prune);
        changes.AddRange(hooks.Changes(options.Wait));

        var basis = dryRun ? $"server dry run against {connection.Describe()}" : $"server-side apply to {connection.Describe()}";
        var plan = new InstallPlan(changes, conflicts, basis);
        result = result with { Plan = plan, Conflicts = conflicts };
        if (conflicts.Count > 0) return result with { Outcome = InstallOutcome.Conflicts };
        if (dryRun) return result with { Outcome = InstallOutcome.Planned };

        observer.Step("Applying");
        try
        {
            // Record every object this run may create before creating it, so an interrupted run can still prune.
            var previous = live.Inventory?.Objects ?? [];
            var interim = previous.Concat(objects.Select(o => o.Ref)).DistinctBy(o => o.Key).ToList();
            if (interim.Count > previous.Count)
                await api.ApplyAsync(inventoryPath, ReleaseInventory.Build(release, ns, chart, interim), ReleaseMarks.FieldManager, false, cancellationToken);

            foreach (var change in planned.Where(c => c.Kind is ChangeKind.Create or ChangeKind.Change))
            {
                var o = objects.First(x => x.Ref.Key == change.Ref.Key);
                await ApplyOneAsync(api, o, cancellationToken);
                observer.Applied(change);
            }
            foreach (var gone in prune.Where(p => p.Kind == ChangeKind.Delete))
            {
                await Pruner.DeleteAsync(api, capabilities, gone.Ref, cancellationToken);
                observer.Applied(gone);
            }
            if (inventoryChanges || interim.Count > previous.Count)
                await api.ApplyAsync(inventoryPath, finalInventory, ReleaseMarks.FieldManager, false, cancellationToken);
        }
        catch (FieldConflictException e)
        {
            return result with { Outcome = InstallOutcome.Conflicts, Conflicts = e.Conflicts };
        }

        result = await WaitAsync(result, connection, objects, cancellationToken);
        if (result.Outcome != InstallOutcome.Installed || hooks.Run.Count == 0) return result;
        var reports = await new HookRunner(connection, options.Retry, observer, options.Timeout).RunAsync(hooks, cancellationToken);
        return result with { Hooks = reports, Outcome = reports.Any(r => r.Failed) ? InstallOutcome.HookFailed : InstallOutcome.Installed };
    }

    private static async Task ApplyOneAsync(KubeApi api, ResolvedObject o, CancellationToken cancellationToken)
    {
        try
        {
            await api.ApplyAsync(o.Path, o.Body, ReleaseMarks.FieldManager, dryRun: false, cancellationToken);
        }
        catch (Faults.KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Someone took over a field between the plan and this write; it is still never forced.
            throw new FieldConflictException(FieldConflict.FromStatus(o.Ref, e.Status));
        }
    }

    private async Task<InstallResult> HelmModeAsync(InstallResult result, Helm helm, HelmChart chart, ClusterConnection connection, LiveState live, IReadOnlyList<ResolvedObject> objects, CancellationToken cancellationToken)
    {
        var dryRun = options.DryRun == DryRunMode.Server;
        if (live.NamespaceExists == false && !dryRun)
        {
            // Created here rather than by helm --create-namespace, so it gets the same labels as in apply mode.
            await NamespaceProvisioner.CreateAsync(connection.Api, _identity.Namespace, _identity.Release, false, cancellationToken);
            observer.Applied(new PlannedChange(new ObjectRef("v1", "Namespace", null, _identity.Namespace), ChangeKind.Create, "labelled as managed by kafka-templates"));
        }
        observer.Step($"Running helm upgrade --install{(dryRun ? " --dry-run=server" : "")}");
        ToolResult run;
        try
        {
            run = await helm.UpgradeInstallAsync(chart, new HelmCluster(connection.Source.Files, connection.Context), dryRun, cancellationToken);
        }
        catch (ToolNotFoundException e)
        {
            throw new InstallInputException(e.Message, e);
        }
        result = result with { HelmOutput = (run.StandardOutput + run.StandardError).Trim() };
        if (run.ExitCode != 0) return result with { Outcome = InstallOutcome.HelmFailed };
        if (dryRun) return result with { Outcome = InstallOutcome.Planned };
        return await WaitAsync(result, connection, objects, cancellationToken);
    }

    private async Task<InstallResult> WaitAsync(InstallResult result, ClusterConnection connection, IReadOnlyList<ResolvedObject> objects, CancellationToken cancellationToken)
    {
        var statefulSets = objects.Where(o => o.Ref.Kind == "StatefulSet" && o.Ref.Namespace == _identity.Namespace).Select(o => o.Ref.Name).ToList();
        if (!options.Wait || statefulSets.Count == 0) return result with { Outcome = InstallOutcome.Installed };
        var waiter = new RolloutWaiter(connection, options.Retry, observer.Notice);
        var rollout = await observer.TrackRolloutAsync(statefulSets, options.Timeout,
            progress => waiter.WaitAsync(_identity.Namespace, statefulSets, options.Timeout, progress, cancellationToken));
        return result with { Rollout = rollout, Outcome = rollout.Completed ? InstallOutcome.Installed : InstallOutcome.RolloutTimedOut };
    }

    private async Task<(HelmChart, RenderedRelease, IReadOnlyList<ResolvedObject>)> PinClusterIdentityAsync(
        DeploymentRepo repo, ReleaseRenderer renderer, HelmChart chart, RenderedRelease rendered, IReadOnlyList<ResolvedObject> objects,
        LiveState live, PreflightReport report, ClusterCapabilities capabilities, CancellationToken cancellationToken)
    {
        const string check = "KRaft identity";
        var secret = objects.FirstOrDefault(o => ReferenceEquals(o.Manifest, KraftIdentity.FindSecret(rendered.Objects)));
        var liveSecret = secret is null ? null : live.Find(secret);
        var liveId = KraftIdentity.Read(liveSecret, KraftIdentity.ClusterIdKey);
        if (secret is null || liveId is null) return (chart, rendered, objects);

        var explicitId = KraftIdentity.ExplicitClusterId(repo, options.ValuesFiles);
        if (explicitId is not null && explicitId != liveId)
        {
            report.Error(check, $"{KraftIdentity.ClusterIdValue} is '{explicitId}' but this release already runs KRaft cluster '{liveId}' (Secret {secret.Ref.Name}); the id of a running cluster cannot change",
                $"remove {KraftIdentity.ClusterIdValue} from the values, or set it to '{liveId}'");
            return (chart, rendered, objects);
        }
        if (explicitId is null)
        {
            chart = chart with { SetStrings = new Dictionary<string, string>(chart.SetStrings) { [KraftIdentity.ClusterIdValue] = liveId } };
            rendered = await renderer.RenderAsync(chart, cancellationToken);
            objects = ObjectResolver.Resolve(rendered.Objects, capabilities, _identity.Release, _identity.Namespace);
        }

        var before = KraftIdentity.Read(liveSecret, KraftIdentity.InitialControllersKey);
        var after = KraftIdentity.Read(KraftIdentity.FindSecret(rendered.Objects)?.Body, KraftIdentity.InitialControllersKey);
        if (before is not null && after is not null && before != after)
            report.Error(check, $"the KRaft controller set of the running cluster would change ({before.Split(',').Length} controllers before, {after.Split(',').Length} now); a running quorum cannot be re-bootstrapped",
                "keep kraft.controllerLayout, controller.replicas and kraft.combinedControllers as they were, or change the voters with kafka-metadata-quorum.sh add-controller/remove-controller first");
        else report.Pass(check);
        return (chart, rendered, objects);
    }

    /// <summary>
    /// Secrets the chart generates once (random passwords, read back with `lookup` and marked helm.sh/resource-policy:
    /// keep) render with new values under `helm template`, which cannot look up. As for the KRaft id, the installer
    /// does the lookup: an existing one keeps its live data, so a second install changes nothing and no password
    /// the cluster was formatted with is replaced.
    /// </summary>
    private static void KeepGeneratedSecrets(IReadOnlyList<ResolvedObject> objects, LiveState live)
    {
        foreach (var secret in objects.Where(o => o.Ref is { Kind: "Secret", ApiVersion: "v1" }
                     && o.Body["metadata"]?["annotations"]?[ReleaseMarks.ResourcePolicy]?.GetValue<string>() == "keep"))
        {
            if (live.Find(secret)?["data"] is JsonObject data) secret.Body["data"] = data.DeepClone();
        }
    }

    private static IReadOnlyList<ObjectRef> PruneCandidates(LiveState live, IReadOnlyList<ResolvedObject> objects) =>
        live.Inventory is { } inventory ? inventory.Objects.Where(o => objects.All(r => r.Ref.Key != o.Key)).ToList() : [];

    private static bool InventoryNeedsWrite(System.Text.Json.Nodes.JsonObject? current, System.Text.Json.Nodes.JsonObject desired) =>
        current is null
        || !System.Text.Json.Nodes.JsonNode.DeepEquals(current["data"], desired["data"])
        || current["metadata"]?["annotations"]?[ReleaseMarks.ReleaseAnnotation]?.GetValue<string>() != desired["metadata"]!["annotations"]![ReleaseMarks.ReleaseAnnotation]!.GetValue<string>();
}
