using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests;

public sealed class InstallTests : IAsyncLifetime
{
    private readonly InstallFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task First_install_creates_the_namespace_applies_in_dependency_order_records_the_inventory_and_waits()
    {
        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--wait", "--timeout", "2m");

        Assert.True(run.ExitCode == 0, run.ToString());
        var ns = _f.Server.Get("Namespace", null, "payments");
        Assert.NotNull(ns);
        Assert.Equal("kafka-templates", ns!["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.Equal("restricted", ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>());

        var sts = _f.Server.Get("StatefulSet", "payments", "payments-kafka");
        Assert.NotNull(sts);
        Assert.Equal(3, sts!["status"]!["readyReplicas"]!.GetValue<int>());
        Assert.Contains(sts["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "kafka-templates" && m["operation"]!.GetValue<string>() == "Apply");
        Assert.Equal("payments", sts["metadata"]!["annotations"]!["kafka-templates.dev/release"]!.GetValue<string>());

        // Pods need their ServiceAccount, Secrets, ConfigMaps and Services before the StatefulSet starts them.
        var applied = _f.Server.Requests.Where(r => r is { Method: "PATCH", IsDryRun: false }).Select(r => r.Path).ToList();
        var statefulSet = applied.FindIndex(p => p.EndsWith("/statefulsets/payments-kafka", StringComparison.Ordinal));
        foreach (var before in new[] { "/serviceaccounts/payments-kafka", "/secrets/payments-kafka-kraft", "/configmaps/payments-kafka-config", "/services/payments-kafka-headless", "/namespaces/payments" })
            Assert.InRange(applied.FindIndex(p => p.EndsWith(before, StringComparison.Ordinal)), 0, statefulSet - 1);

        // The helm test pod is a hook: never applied.
        Assert.DoesNotContain(_f.Server.Requests, r => r.Path.Contains("/pods/", StringComparison.Ordinal));
        Assert.Null(_f.Server.Get("Pod", "payments", "payments-kafka-test"));
        run.OutShows("skipped   Pod payments/payments-kafka-test");

        var inventory = _f.Server.Get("ConfigMap", "payments", "payments-kafka-templates-inventory");
        Assert.NotNull(inventory);
        var entries = JsonNode.Parse(inventory!["data"]!["objects"]!.GetValue<string>())!.AsArray();
        Assert.Contains(entries, e => e!["kind"]!.GetValue<string>() == "StatefulSet" && e["name"]!.GetValue<string>() == "payments-kafka" && e["namespace"]!.GetValue<string>() == "payments" && e["apiVersion"]!.GetValue<string>() == "apps/v1");
        Assert.DoesNotContain(entries, e => e!["kind"]!.GetValue<string>() == "Pod");
        run.OutShows("created   StatefulSet payments/payments-kafka");
        run.OutShows("Rolled out: payments-kafka: 3/3 ready");
    }

    [Fact]
    public async Task A_second_install_with_no_change_writes_nothing_and_keeps_the_KRaft_cluster_id()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace")).ExitCode);
        var clusterId = _f.Server.Get("Secret", "payments", "payments-kafka-kraft")!["data"]!["cluster-id"]!.GetValue<string>();
        var writes = _f.Server.Store.ClientWrites;
        var requestsBefore = _f.Server.Requests.Count;

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(writes, _f.Server.Store.ClientWrites);
        Assert.DoesNotContain(_f.Server.Requests.Skip(requestsBefore), r => r.IsWrite);
        Assert.Equal(clusterId, _f.Server.Get("Secret", "payments", "payments-kafka-kraft")!["data"]!["cluster-id"]!.GetValue<string>());
        run.OutShows("is up to date: nothing was written (0 created, 0 changed, 0 deleted, 16 unchanged)");
    }

    [Fact]
    public async Task Objects_the_chart_no_longer_renders_are_pruned_and_leave_the_inventory()
    {
        var monitoring = _f.WriteValues("monitoring.yaml", "metrics:\n  serviceMonitor:\n    enabled: true\n");
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", monitoring)).ExitCode);
        Assert.NotNull(_f.Server.Get("ServiceMonitor", "payments", "payments-kafka"));

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Null(_f.Server.Get("ServiceMonitor", "payments", "payments-kafka"));
        run.OutShows("deleted   ServiceMonitor payments/payments-kafka");
        var inventory = _f.Server.Get("ConfigMap", "payments", "payments-kafka-templates-inventory")!["data"]!["objects"]!.GetValue<string>();
        Assert.DoesNotContain("ServiceMonitor", inventory, StringComparison.Ordinal);
        Assert.Contains("StatefulSet", inventory, StringComparison.Ordinal);
        Assert.NotNull(_f.Server.Get("StatefulSet", "payments", "payments-kafka"));
    }

    [Fact]
    public async Task A_field_another_manager_owns_is_reported_with_field_and_manager_and_never_forced()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace")).ExitCode);
        _f.Server.UpdateAs("kubectl-scale", "StatefulSet", "payments", "payments-kafka", sts => sts["spec"]!["replicas"] = 5);
        var writes = _f.Server.Store.ClientWrites;

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("StatefulSet payments/payments-kafka: field .spec.replicas is managed by kubectl-scale");
        run.ErrorShows("nothing was forced and nothing was written");
        Assert.Equal(writes, _f.Server.Store.ClientWrites);
        Assert.Equal(5, JsonNumber.Long(_f.Server.Get("StatefulSet", "payments", "payments-kafka")!["spec"]!["replicas"]));
        Assert.DoesNotContain(_f.Server.Requests, r => r.Query.Contains("force=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_watch_dropped_mid_rollout_resumes_from_the_last_resource_version()
    {
        _f.Server.DropWatches(times: 2, afterEvents: 1);

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--wait", "--timeout", "2m");

        Assert.True(run.ExitCode == 0, run.ToString());
        var watches = _f.Server.Requests.Where(r => r.IsWatch && r.Path.EndsWith("/statefulsets", StringComparison.Ordinal)).ToList();
        Assert.True(watches.Count >= 3, string.Join("\n", watches));
        var versions = watches.Select(w => long.Parse(System.Web.HttpUtility.ParseQueryString(w.Query)["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        // Each resumed watch starts where the dropped one stopped, not from the beginning.
        Assert.True(versions[1] > versions[0] && versions[2] > versions[1], string.Join(", ", versions));
        run.ErrorShows("the watch connection dropped");
        run.ErrorShows($"resuming from resourceVersion {versions[1]}");
        run.OutShows("Rolled out: payments-kafka: 3/3 ready");
    }

    [Fact]
    public async Task A_rollout_that_never_becomes_ready_times_out_with_pod_states_and_events_and_exit_1()
    {
        _f.Server.Rollout = RolloutBehaviour.NeverReady;

        // Long enough for the emulated controller to report the pods' states on a loaded machine; the test always
        // waits this long, so it stays short.
        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--wait", "--timeout", "5s");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("the rollout did not finish within 00:00:05");
        run.ErrorShows("payments-kafka: 0/3 ready, 0/3 updated");
        run.ErrorShows("pod payments-kafka-0: Running (Ready=False ContainersNotReady: containers with unready status: [kafka])");
        run.ErrorShows("container kafka: waiting (CrashLoopBackOff: back-off 1m20s restarting failed container=kafka), not ready, 4 restart(s), last exit 1 Error");
        run.ErrorShows("Warning BackOff Pod/payments-kafka-2: Back-off restarting failed container kafka in pod payments-kafka-2 (x5)");
    }

    [Fact]
    public async Task Server_dry_run_validates_every_write_with_the_API_and_stores_nothing()
    {
        _f.Server.Store.Put(_f.Server.Kind("Namespace"), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } }, byClient: false);

        var run = await _f.InstallAsync("--namespace", "payments", "--dry-run=server");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(0, _f.Server.Store.ClientWrites);
        Assert.DoesNotContain(_f.Server.Requests, r => r.IsWrite);
        Assert.Contains(_f.Server.Requests, r => r is { Method: "PATCH", IsDryRun: true } && r.Path.EndsWith("/statefulsets/payments-kafka", StringComparison.Ordinal));
        run.OutShows("+ create    StatefulSet payments/payments-kafka");
        run.OutShows("(server dry run against context 'emulated'");
        run.OutShows("Dry run: nothing was changed.");
    }

    [Fact]
    public async Task Client_dry_run_against_a_known_cluster_shows_created_changed_and_unchanged_objects()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace")).ExitCode);
        var writes = _f.Server.Store.ClientWrites;
        var bigger = _f.WriteValues("bigger.yaml", "broker:\n  replicas: 5\nmetrics:\n  serviceMonitor:\n    enabled: true\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--dry-run", "--values", bigger);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(writes, _f.Server.Store.ClientWrites);
        run.OutShows("~ change    StatefulSet payments/payments-kafka  (spec.replicas");
        run.OutShows("+ create    ServiceMonitor payments/payments-kafka");
        run.OutShows("= unchanged ServiceAccount payments/payments-kafka");
    }
}
