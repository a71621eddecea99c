namespace KafkaTemplates.Installation.Tests;

public sealed class InputTests : IAsyncLifetime
{
    private readonly InstallFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    private Task<CliRun> Run(params string[] args) => InstallCli.RunAsync(InstallCli.Environment(_f.Home), _f.Temp.Path, null, args);

    [Fact]
    public async Task Client_dry_run_needs_no_cluster_and_prints_the_plan()
    {
        // No --kubeconfig, no KUBECONFIG and a HOME without ~/.kube/config: no cluster is known.
        var run = await Run(_f.Repo, "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        run.OutShows("Plan for release payments in namespace payments (client dry run, no cluster known):");
        run.OutShows("* apply     StatefulSet payments/payments-kafka  (cluster not known)");
        run.OutShows("* apply     ConfigMap payments/payments-kafka-config");
        run.OutShows("· skip      Pod payments/payments-kafka-test");
        run.OutShows("Dry run: nothing was changed.");
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public async Task A_chart_that_reaches_out_of_the_repo_through_a_link_is_refused_before_anything_reads_it()
    {
        // helm/values.yaml -> a file of the machine: before, install parsed it and helm rendered with it.
        var values = Path.Combine(_f.Repo, "helm", "values.yaml");
        var outside = _f.Temp.Write("outside-values.yaml", File.ReadAllText(values) + "# OUTSIDE-CANARY\n");
        File.Delete(values);
        File.CreateSymbolicLink(values, outside);

        var run = await Run(_f.Repo, "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("'helm/values.yaml' is a symbolic link that leads out of the repo");
        Assert.DoesNotContain("OUTSIDE-CANARY", run.Out.Output + run.Error.Output, StringComparison.Ordinal);
    }

    /// <summary>The payments repo without its answers file, in a folder of another name.</summary>
    private string WithoutAnswersIn(string folder)
    {
        File.Delete(Path.Combine(_f.Repo, ".kafka-templates.yaml"));
        var renamed = Path.Combine(_f.Temp.Path, folder);
        Directory.Move(_f.Repo, renamed);
        return renamed;
    }

    [Fact]
    public async Task A_repo_without_answers_installs_as_its_folder_name_in_a_namespace_of_that_name()
    {
        var run = await Run(WithoutAnswersIn("orders-kafka"), "--dry-run");

        Assert.True(run.ExitCode == 0, run.ToString());
        run.OutShows("Plan for release orders-kafka in namespace orders-kafka");
    }

    [Fact]
    public async Task A_folder_name_that_cannot_be_a_release_asks_for_one()
    {
        var run = await Run(WithoutAnswersIn("Orders_Kafka"), "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("'Orders_Kafka' (the repo's folder name) cannot be a release name (lower-case letters, digits and '-', at most 53): give one with --release");
    }

    [Fact]
    public async Task Without_a_kubeconfig_a_real_install_says_where_one_is_looked_for_and_exits_2()
    {
        var run = await Run(_f.Repo, "--namespace", "payments");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("no kubeconfig found: pass --kubeconfig <file>, set KUBECONFIG, or create ~/.kube/config");
    }

    [Fact]
    public async Task KUBECONFIG_is_used_when_no_flag_is_given()
    {
        var variables = new Dictionary<string, string>(InstallCli.Environment(_f.Home)) { ["KUBECONFIG"] = _f.Kubeconfig };

        var run = await InstallCli.RunAsync(variables, _f.Temp.Path, null, _f.Repo, "--namespace", "payments", "--create-namespace");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotNull(_f.Server.Get("StatefulSet", "payments", "payments-kafka"));
    }

    [Fact]
    public async Task An_unknown_context_lists_the_known_ones_and_exits_2()
    {
        var run = await _f.InstallAsync("--namespace", "payments", "--context", "prod");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("has no context 'prod': pass --context with one of emulated");
    }

    [Fact]
    public async Task A_folder_that_is_not_a_deployment_repo_exits_2()
    {
        Directory.CreateDirectory(_f.Temp.Combine("empty"));
        var run = await Run(_f.Temp.Combine("empty"), "--namespace", "payments", "--kubeconfig", _f.Kubeconfig);

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("is not a deployment repo: it has no helm/Chart.yaml");
    }

    [Fact]
    public async Task A_missing_folder_is_named_before_anything_else_is_asked_for()
    {
        var run = await Run(_f.Temp.Combine("nope"));

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("nope' does not exist: give the folder of a deployment repo");
    }

    [Fact]
    public async Task A_repo_whose_values_yaml_is_not_yaml_exits_2_with_what_is_wrong()
    {
        var valuesFile = Path.Combine(_f.Repo, "helm", "values.yaml");
        var text = File.ReadAllText(valuesFile);
        var at = text.IndexOf("  replicas: ", StringComparison.Ordinal);
        File.WriteAllText(valuesFile, text[..at] + "  replicas: [oops\n" + text[(text.IndexOf('\n', at) + 1)..]);

        var run = await _f.InstallAsync("--namespace", "payments", "--dry-run");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("helm/values.yaml is not valid YAML:");
        Assert.Empty(_f.Server.Requests);
    }

    [Theory]
    [InlineData("--mode", "kubectl", "--mode must be apply or helm, not 'kubectl'")]
    [InlineData("--timeout", "soon", "--timeout 'soon' is not a duration")]
    [InlineData("--dry-run=maybe", null, "--dry-run must be client or server, not 'maybe'")]
    [InlineData("--namespace", "Payments_NS", "--namespace 'Payments_NS' is not a valid namespace name")]
    public async Task Bad_flags_exit_2_with_what_to_fix(string flag, string? value, string message)
    {
        var run = await _f.InstallAsync(value is null ? [flag] : [flag, value]);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error.Output, StringComparison.Ordinal);
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public async Task Values_the_chart_rejects_exit_2_with_helms_message()
    {
        var values = _f.WriteValues("bad.yaml", "broker:\n  replicas: 1\nkafka:\n  replication:\n    defaultReplicationFactor: 3\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--values", values);

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("helm could not render the chart:");
        run.ErrorShows("defaultReplicationFactor is 3 but there are only 1 brokers");
        run.ErrorShows("Fix helm/values.yaml or the --values files");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task Values_the_chart_rejects_without_extra_files_name_only_the_repos_values()
    {
        var valuesFile = Path.Combine(_f.Repo, "helm", "values.yaml");
        var values = File.ReadAllText(valuesFile);
        var edited = values.Replace("    defaultReplicationFactor: 0", "    defaultReplicationFactor: 99", StringComparison.Ordinal);
        Assert.NotEqual(values, edited);
        File.WriteAllText(valuesFile, edited);

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("helm could not render the chart:");
        run.ErrorShows("Fix helm/values.yaml");
        Assert.DoesNotContain("--values", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task A_server_that_accepts_connections_and_never_answers_is_a_timeout_naming_the_server_and_the_setting()
    {
        // The listener's backlog accepts the connections; nothing ever reads or answers them.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var server = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        var kubeconfig = _f.Temp.Write("stalled-kubeconfig", File.ReadAllText(_f.Kubeconfig).Replace(_f.Server.Address, server, StringComparison.Ordinal));

        var run = await Run(_f.Repo, "--namespace", "payments", "--kubeconfig", kubeconfig, "--request-timeout", "1s");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows($"cannot reach the cluster: GET /version/: the API server {server} gave no answer within 1s in 6 attempts; --request-timeout sets how long each answer may take");
    }

    [Fact]
    public async Task A_request_timeout_that_is_not_a_duration_is_bad_input()
    {
        var run = await _f.InstallAsync("--request-timeout", "0s");

        Assert.True(run.ExitCode == 2, run.ToString());
        run.ErrorShows("--request-timeout '0s' is not a positive duration");
        Assert.Empty(_f.Server.Requests);
    }

    [Fact]
    public async Task An_unreachable_cluster_exits_1_with_what_to_check()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var kubeconfig = _f.Temp.Write("dead-kubeconfig", File.ReadAllText(_f.Kubeconfig).Replace(_f.Server.Address, $"http://127.0.0.1:{port}", StringComparison.Ordinal));

        var run = await Run(_f.Repo, "--namespace", "payments", "--kubeconfig", kubeconfig);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("cannot reach the cluster: GET /version");
        run.ErrorShows("ConnectionRefused");
        run.ErrorShows("`kubectl cluster-info`");
    }
}
