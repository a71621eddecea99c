using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Installation.Tests;

public sealed class HelmModeTests : IAsyncLifetime
{
    private readonly InstallFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    /// <summary>A helm that renders with the real one and records what `helm upgrade` was asked to do.</summary>
    private string FakeHelm(int upgradeExitCode, string upgradeOutput)
    {
        var real = Helm.Locate(null, InstallCli.Environment(_f.Home)["PATH"]).Executable;
        var script = _f.Temp.Write("bin/helm", $"""
            #!/bin/sh
            if [ "$1" = "upgrade" ]; then
              printf '%s\n' "$@" > "{_f.Temp.Combine("upgrade-args")}"
              echo "{upgradeOutput}"
              exit {upgradeExitCode}
            fi
            exec "{real}" "$@"
            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    [Fact]
    public async Task Helm_mode_runs_preflight_then_delegates_to_helm_upgrade_install_with_the_same_cluster_settings()
    {
        var helm = FakeHelm(0, "Release \"payments\" has been upgraded. Happy Helming!");
        var values = _f.WriteValues("extra.yaml", "broker:\n  replicas: 3\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--mode", "helm", "--helm", helm, "--values", values);

        Assert.True(run.ExitCode == 0, run.ToString());
        var args = File.ReadAllLines(_f.Temp.Combine("upgrade-args"));
        Assert.Equal(["upgrade", "payments", Path.Combine(_f.Repo, "helm"), "--install", "--namespace", "payments", "--kubeconfig", _f.Kubeconfig, "--kube-context", "emulated", "--values", values], args);
        run.OutShows("Happy Helming!");
        // The namespace is created (and labelled) by the installer, the release objects by helm alone.
        Assert.Equal("kafka-templates", _f.Server.Get("Namespace", null, "payments")!["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        Assert.DoesNotContain(_f.Server.Requests, r => r is { Method: "PATCH", IsDryRun: false } && !r.Path.EndsWith("/namespaces/payments", StringComparison.Ordinal));
        Assert.Contains(_f.Server.Requests, r => r.Path.EndsWith("selfsubjectaccessreviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_helm_upgrade_exits_1_with_helms_output()
    {
        var helm = FakeHelm(1, "Error: UPGRADE FAILED: timed out waiting for the condition");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--mode", "helm", "--helm", helm);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("Error: UPGRADE FAILED: timed out waiting for the condition");
        run.ErrorShows("helm upgrade --install failed");
    }

    [Fact]
    public async Task Helm_mode_refuses_objects_helm_would_not_adopt()
    {
        Assert.Equal(0, (await _f.InstallAsync("--namespace", "payments", "--create-namespace")).ExitCode);

        var run = await _f.InstallAsync("--namespace", "payments", "--mode", "helm", "--helm", FakeHelm(0, "ok"));

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("StatefulSet payments/payments-kafka exists but is not part of Helm release 'payments'");
        Assert.False(File.Exists(_f.Temp.Combine("upgrade-args")));
    }
}
