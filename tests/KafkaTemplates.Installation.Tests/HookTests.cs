using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests;

/// <summary>
/// Apply mode runs the chart's post-install/post-upgrade hooks as Helm does: the topics/users/ACLs Job is created
/// after the objects are applied and rolled out, waited for, and replaced on the next install (before-hook-creation).
/// </summary>
public sealed class HookTests : IAsyncLifetime
{
    private const string Job = "payments-kafka-reconcile";
    private const string JobPath = "/apis/batch/v1/namespaces/payments/jobs/" + Job;
    private readonly InstallFixture _f = new();
    private string _topics = "";

    public async Task InitializeAsync()
    {
        await _f.InitializeAsync();
        // A declared topic is what makes the chart render its reconcile Job.
        _topics = _f.WriteValues("topics.yaml", "topics:\n  - name: orders\n    partitions: 6\n");
    }

    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task The_reconcile_Job_runs_after_the_rollout_is_waited_for_and_its_outcome_reported()
    {
        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics, "--wait", "--timeout", "2m");

        Assert.True(run.ExitCode == 0, run.ToString());
        var job = _f.Server.Get("Job", "payments", Job);
        Assert.NotNull(job);
        Assert.Contains(job!["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Complete" && c["status"]!.GetValue<string>() == "True");

        // Created only after every broker was ready: its ADDED event comes after the StatefulSet's last status update.
        var stsEvents = _f.Server.Store.EventsAfter(0, _f.Server.Kind("StatefulSet"), "payments").Events;
        var rolledOut = stsEvents.First(e => JsonNumber.Long(e.Object["status"]?["readyReplicas"]) == 3).Revision;
        var jobCreated = _f.Server.Store.EventsAfter(0, _f.Server.Kind("Job"), "payments").Events.First(e => e.Type == "ADDED").Revision;
        Assert.True(jobCreated > rolledOut, $"Job created at {jobCreated}, rollout done at {rolledOut}");

        run.OutShows($"created   Job payments/{Job}  (post-install hook)");
        run.OutShows($"Hook Job payments/{Job} (post-install): completed (1 pod(s) succeeded, 0 failed, 0 active). Its log: `kubectl logs job/{Job} -n payments`.");
        // The hook is not part of the release's inventory, so no later install prunes it.
        var inventory = _f.Server.Get("ConfigMap", "payments", "payments-kafka-templates-inventory")!["data"]!["objects"]!.GetValue<string>();
        Assert.DoesNotContain("\"Job\"", inventory, StringComparison.Ordinal);
        // The helm test pod is still only skipped, with what runs it.
        Assert.Null(_f.Server.Get("Pod", "payments", "payments-kafka-test"));
        run.OutShows("skipped   Pod payments/payments-kafka-test: helm test hook; not installed (it runs with `helm test` on a release installed with --mode helm)");
    }

    [Fact]
    public async Task A_Job_that_exhausts_its_backoff_limit_fails_the_install_with_exit_1_and_names_its_log()
    {
        _f.Server.Jobs = JobBehaviour.FailsAfterBackoffLimit;

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows($"the post-install hook Job payments/{Job} failed: BackoffLimitExceeded: Job has reached the specified backoff limit (0 pod(s) succeeded, 4 failed, 0 active). Its log: `kubectl logs job/{Job} -n payments`.");
        run.ErrorShows("The release's objects are applied, but the install failed");
        // The failed Job stays for its log (its delete policy is before-hook-creation only).
        Assert.NotNull(_f.Server.Get("Job", "payments", Job));
        Assert.NotNull(_f.Server.Get("StatefulSet", "payments", "payments-kafka"));
    }

    [Fact]
    public async Task A_Job_that_never_finishes_fails_the_install_at_the_timeout()
    {
        _f.Server.Jobs = JobBehaviour.NeverFinishes;

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics, "--timeout", "2s");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows($"the post-install hook Job payments/{Job} did not finish within 00:00:02; it may still be running (running (0 pod(s) succeeded, 0 failed, 1 active))");
        run.ErrorShows($"`kubectl logs job/{Job} -n payments`");
    }

    [Fact]
    public async Task A_second_install_deletes_the_previous_Job_and_creates_a_new_one_as_post_upgrade_hook()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics)).ExitCode);
        var firstUid = _f.Server.Get("Job", "payments", Job)!["metadata"]!["uid"]!.GetValue<string>();
        var before = _f.Server.Requests.Count;

        var run = await _f.InstallAsync("--namespace", "payments", "--values", _topics);

        Assert.True(run.ExitCode == 0, run.ToString());
        var requests = _f.Server.Requests.Skip(before).Where(r => r.Path == JobPath && r.IsWrite).Select(r => r.Method).ToList();
        Assert.Equal(["DELETE", "PATCH"], requests);
        var second = _f.Server.Get("Job", "payments", Job)!;
        Assert.NotEqual(firstUid, second["metadata"]!["uid"]!.GetValue<string>());
        Assert.Contains(second["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Complete");
        run.OutShows($"deleted   Job payments/{Job}  (the previous run's hook (before-hook-creation))");
        run.OutShows($"Hook Job payments/{Job} (post-upgrade): completed");
        run.OutShows("0 created, 0 changed, 0 deleted");
        run.OutShows("1 hook run");
    }

    [Fact]
    public async Task Dry_runs_list_the_hook_in_the_plan_and_run_nothing()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace")).ExitCode);
        var writes = _f.Server.Store.ClientWrites;

        var server = await _f.InstallAsync("--namespace", "payments", "--values", _topics, "--dry-run=server", "--wait");
        var client = await _f.InstallAsync("--namespace", "payments", "--values", _topics, "--dry-run");

        Assert.True(server.ExitCode == 0, server.ToString());
        Assert.True(client.ExitCode == 0, client.ToString());
        foreach (var run in new[] { server, client })
        {
            run.OutShows($"> run hook  Job payments/{Job}  (post-upgrade hook, weight 0; runs after the objects are applied");
            run.OutShows("a previous run's object is deleted first (before-hook-creation)");
            run.OutShows("1 hook to run.");
            run.OutShows("· skip      Pod payments/payments-kafka-test");
        }
        server.OutShows("applied and rolled out;");
        Assert.Equal(writes, _f.Server.Store.ClientWrites);
        Assert.DoesNotContain(_f.Server.Requests, r => r.Path.Contains("/jobs", StringComparison.Ordinal) && r.IsWrite);
        Assert.Null(_f.Server.Get("Job", "payments", Job));
    }

    [Fact]
    public async Task Hooks_run_in_weight_order_and_hooks_of_other_events_are_skipped_with_the_reason()
    {
        File.WriteAllText(Path.Combine(_f.Repo, "helm", "templates", "extra-hooks.yaml"), """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: late
              annotations:
                helm.sh/hook: post-install,post-upgrade
                helm.sh/hook-weight: "5"
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: busybox}]
            ---
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: early
              annotations:
                helm.sh/hook: post-install
                helm.sh/hook-weight: "-5"
                helm.sh/hook-delete-policy: hook-succeeded
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers: [{name: c, image: busybox}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: before
              annotations:
                helm.sh/hook: pre-install
            data: {}
            """);

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics);

        Assert.True(run.ExitCode == 0, run.ToString());
        var created = _f.Server.Requests.Where(r => r is { Method: "PATCH", IsDryRun: false } && r.Path.Contains("/jobs/", StringComparison.Ordinal))
            .Select(r => r.Path[(r.Path.LastIndexOf('/') + 1)..]).ToList();
        Assert.Equal(["early", Job, "late"], created);
        // hook-succeeded: deleted once it completed.
        Assert.Null(_f.Server.Get("Job", "payments", "early"));
        Assert.NotNull(_f.Server.Get("Job", "payments", "late"));
        run.OutShows("deleted   Job payments/early  (hook-succeeded)");
        run.OutShows("skipped   ConfigMap payments/before: helm pre-install hook; apply mode runs only post-install and post-upgrade hooks (use --mode helm for the others)");
        Assert.Null(_f.Server.Get("ConfigMap", "payments", "before"));
    }

    [Fact]
    public async Task The_hook_Job_needs_permission_to_create_delete_and_watch_Jobs()
    {
        _f.Server.Access.Deny("watch", "batch", "jobs", "payments");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", _topics);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows($"Permissions: forbidden: cannot watch jobs.batch in namespace payments (needed to wait for the hook Job {Job})");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task A_Job_of_the_hooks_name_that_this_release_did_not_make_is_left_alone()
    {
        _f.Server.Seed(_f.Server.Kind("Namespace"), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } });
        _f.Server.Seed(_f.Server.Kind("Job"), new JsonObject
        {
            ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["metadata"] = new JsonObject { ["name"] = Job, ["namespace"] = "payments" },
            ["spec"] = new JsonObject { ["template"] = new JsonObject() },
        });
        var uid = _f.Server.Get("Job", "payments", Job)!["metadata"]!["uid"]!.GetValue<string>();

        var run = await _f.InstallAsync("--namespace", "payments", "--values", _topics);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows($"the post-install hook Job payments/{Job} could not run: a Job of that name already exists and is not marked as this release's, so it was left alone");
        Assert.Equal(uid, _f.Server.Get("Job", "payments", Job)!["metadata"]!["uid"]!.GetValue<string>());
        Assert.DoesNotContain(_f.Server.Requests, r => r is { Method: "DELETE" } && r.Path == JobPath);
    }
}
