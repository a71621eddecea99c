using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// The topics/users/ACLs reconciler (helm/files/kafka-reconcile.sh, run by the chart's hook Job). No broker can run
/// here, so its plan is checked as the pure function it is (declared + observed + managed -> changes), and a whole run
/// is checked with stand-ins for kafka-topics.sh, kafka-configs.sh and kafka-acls.sh that record their arguments and
/// answer with the output Kafka 4's tools print: the commands and flags it issues are the documented ones.
/// </summary>
public sealed class ReconcileScriptTests : IDisposable
{
    private const char Tab = '\t';
    private const string AdminPassword = "adm-Pw-31337";
    private const string OrdersPassword = "ord-Pw-4711";

    private readonly TempFolder _temp = new("reconcile");

    private static string Script => Path.Combine(FrontDoors.TemplateFolder, "skeleton", "helm", "files", "kafka-reconcile.sh");

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l.Replace('|', Tab) + "\n"));

    private static readonly string Declared = Lines(
        "topic|orders.v1|6|3",
        "config|orders.v1|cleanup.policy|compact,delete",
        "config|orders.v1|retention.ms|604800000",
        "topic|payments|3|3",
        "user|orders-service",
        "acl|User:orders-service|ALLOW|TOPIC|orders.v1|LITERAL|READ",
        "acl|User:orders-service|ALLOW|GROUP|orders-|PREFIXED|DESCRIBE_CONFIGS",
        "acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|ALTER");

    private static string Identities(string declared) => string.Concat(declared.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l =>
    {
        var f = l.Split(Tab);
        return f[0] switch
        {
            "topic" => $"topic{Tab}{f[1]}\n",
            "config" => $"config{Tab}{f[1]}{Tab}{f[2]}\n",
            _ => l + "\n",
        };
    }));

    private async Task<string[]> PlanAsync(string declared, string observed, string managed, bool prune = false)
    {
        var run = await ProcessRunner.RunAsync("bash", [Script, "plan", _temp.Write("declared.tsv", declared), _temp.Write("observed.tsv", observed), _temp.Write("managed.tsv", managed)],
            _temp.Path, new Dictionary<string, string?> { ["RECONCILE_PRUNE"] = prune ? "true" : "false" }, timeout: TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace(Tab, '|')).ToArray();
    }

    [Fact]
    public async Task An_empty_cluster_gets_every_topic_with_its_configs_every_user_and_every_ACL()
    {
        var plan = await PlanAsync(Declared, "", Identities(Declared));

        Assert.Equal(
        [
            "create-topic|orders.v1|6|3|cleanup.policy=compact,delete|retention.ms=604800000",
            "create-topic|payments|3|3",
            "create-user|orders-service",
            "add-acl|User:orders-service|ALLOW|TOPIC|orders.v1|LITERAL|READ",
            "add-acl|User:orders-service|ALLOW|GROUP|orders-|PREFIXED|DESCRIBE_CONFIGS",
            "add-acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|ALTER",
        ], plan);
    }

    [Fact]
    public async Task Partitions_only_grow_a_decrease_or_a_new_replication_factor_is_reported_and_configs_that_differ_are_set()
    {
        var observed = Lines(
            "topic|orders.v1|4|3",
            "config|orders.v1|cleanup.policy|delete",
            "config|orders.v1|retention.ms|604800000",
            "topic|payments|5|2",
            "user|orders-service|stale",
            "acl|User:orders-service|ALLOW|TOPIC|orders.v1|LITERAL|READ",
            "acl|User:orders-service|ALLOW|GROUP|orders-|PREFIXED|DESCRIBE_CONFIGS",
            "acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|ALTER");

        var plan = await PlanAsync(Declared, observed, Identities(Declared));

        Assert.Equal(
        [
            "add-partitions|orders.v1|4|6",
            "set-config|orders.v1|cleanup.policy|compact,delete",
            "report|topic payments has 5 partitions and the values say 3: Kafka cannot remove partitions; not changed",
            "report|topic payments has replication factor 2 and the values say 3: that needs a partition reassignment (kafka-reassign-partitions.sh); not changed",
            "set-password|orders-service",
        ], plan);
    }

    [Fact]
    public async Task What_the_values_no_longer_declare_is_deleted_only_with_prune_and_only_when_the_values_once_declared_it()
    {
        var declared = Lines("topic|orders.v1|6|3");
        var observed = Lines(
            "topic|orders.v1|6|3",
            "config|orders.v1|retention.ms|1000",
            "config|orders.v1|segment.ms|2000",
            "topic|legacy|1|1",
            "topic|made-by-hand|1|1",
            "user|old-service",
            "user|someone-else",
            "acl|User:old-service|ALLOW|TOPIC|legacy|LITERAL|WRITE",
            "acl|User:someone-else|ALLOW|TOPIC|made-by-hand|LITERAL|READ");
        // Once declared: topic legacy, the retention override, user old-service and its ACL. Never: the rest.
        var managed = Lines(
            "topic|orders.v1",
            "config|orders.v1|retention.ms",
            "topic|legacy",
            "user|old-service",
            "acl|User:old-service|ALLOW|TOPIC|legacy|LITERAL|WRITE",
            "topic|gone-already");

        Assert.Equal(
        [
            "report|ACL User:old-service ALLOW TOPIC legacy LITERAL WRITE is no longer in the values; kept because prune is off",
            "report|config retention.ms of topic orders.v1 is no longer in the values; kept because prune is off",
            "report|user old-service is no longer in the values; kept because prune is off",
            "report|topic legacy is no longer in the values; kept because prune is off",
        ], await PlanAsync(declared, observed, managed));

        Assert.Equal(
        [
            "remove-acl|User:old-service|ALLOW|TOPIC|legacy|LITERAL|WRITE",
            "delete-config|orders.v1|retention.ms",
            "delete-user|old-service",
            "delete-topic|legacy",
        ], await PlanAsync(declared, observed, managed, prune: true));
    }

    [Fact]
    public async Task A_cluster_that_matches_has_an_empty_plan()
    {
        var observed = Lines(
            "topic|orders.v1|6|3",
            "config|orders.v1|cleanup.policy|compact,delete",
            "config|orders.v1|retention.ms|604800000",
            "topic|payments|3|3",
            "user|orders-service|current",
            "acl|User:orders-service|ALLOW|TOPIC|orders.v1|LITERAL|READ",
            "acl|User:orders-service|ALLOW|GROUP|orders-|PREFIXED|DESCRIBE_CONFIGS",
            "acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|ALTER");

        Assert.Empty(await PlanAsync(Declared, observed, Identities(Declared), prune: true));
    }

    /// <summary>
    /// The contract between the chart and the script: helm renders the values' topics, users and ACLs into the lines the
    /// script reads (operations and resource types in Kafka's spelling, numbers as integers, defaults filled in), the
    /// ledger of managed names, and the very script this class tests.
    /// </summary>
    [Fact]
    public async Task The_chart_renders_the_values_into_the_state_the_script_plans_from()
    {
        var files = await FrontDoors.EngineAsync(HypertraceKafkaAnswers.All.Single(a => a.Id == "defaults"));
        var repo = _temp.Combine("repo");
        Engine.Writing.AtomicDirectoryWriter.Write(files, repo);
        var values = _temp.Write("declarations.yaml", """
            topics:
              - name: orders.v1
                partitions: 6
                config:
                  retention.ms: 604800000
                  cleanup.policy: compact,delete
              - name: audit
            users:
              - name: orders-service
            acls:
              - principal: User:orders-service
                resourceType: transactionalId
                name: orders-
                patternType: prefixed
                operations: [Write, DescribeConfigs]
              - principal: User:orders-service
                resourceType: cluster
                operations: [IdempotentWrite]
                permission: deny
            """);

        var helm = await ProcessRunner.RunAsync(Tool.Helm, ["template", "payments", Path.Combine(repo, "helm"), "--namespace", "payments", "-f", values, "--show-only", "templates/reconcile.yaml"],
            timeout: TimeSpan.FromMinutes(2));

        Assert.True(helm.ExitCode == 0, helm.ToString());
        Assert.Equal(File.ReadAllText(Script), Block(helm.StandardOutput, "kafka-reconcile.sh"));
        var declared = Block(helm.StandardOutput, "declared.tsv");
        Assert.Equal(Lines(
            "topic|orders.v1|6|3",
            "config|orders.v1|cleanup.policy|compact,delete",
            "config|orders.v1|retention.ms|604800000",
            "topic|audit|3|3",
            "user|orders-service",
            "acl|User:orders-service|ALLOW|TRANSACTIONAL_ID|orders-|PREFIXED|WRITE",
            "acl|User:orders-service|ALLOW|TRANSACTIONAL_ID|orders-|PREFIXED|DESCRIBE_CONFIGS",
            "acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|IDEMPOTENT_WRITE"), declared);
        var managed = Block(helm.StandardOutput, "managed.tsv");
        Assert.Equal(string.Concat(Identities(declared).Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).Select(l => l + "\n")), managed);

        Assert.Equal(
        [
            "create-topic|orders.v1|6|3|cleanup.policy=compact,delete|retention.ms=604800000",
            "create-topic|audit|3|3",
            "create-user|orders-service",
            "add-acl|User:orders-service|ALLOW|TRANSACTIONAL_ID|orders-|PREFIXED|WRITE",
            "add-acl|User:orders-service|ALLOW|TRANSACTIONAL_ID|orders-|PREFIXED|DESCRIBE_CONFIGS",
            "add-acl|User:orders-service|DENY|CLUSTER|kafka-cluster|LITERAL|IDEMPOTENT_WRITE",
        ], await PlanAsync(declared, "", managed));
    }

    /// <summary>The text of a literal block scalar "  key: |" of a rendered ConfigMap (indented four spaces).</summary>
    private static string Block(string manifest, string key)
    {
        var lines = manifest.Split('\n');
        var start = Array.IndexOf(lines, $"  {key}: |");
        Assert.True(start >= 0, $"no {key} in\n{manifest}");
        return string.Concat(lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0)
            .Select(l => (l.Length == 0 ? "" : l[4..]) + "\n")).TrimEnd('\n') + "\n";
    }

    // ---- whole runs against stand-ins for Kafka's tools ----------------------------------------------------------

    private string Fake(params string[] parts) => _temp.Combine(["fake", .. parts]);

    private void InstallStandIns()
    {
        Directory.CreateDirectory(_temp.Combine("kafka", "bin"));
        Directory.CreateDirectory(Fake("cluster-passwords"));
        // Every call is one line of the log: the tool's name and its arguments, separated by US (0x1f).
        const string record = "printf '%s\\x1f' \"$(basename \"$0\")\" \"$@\" >> \"$FAKE_DIR/calls\"; echo >> \"$FAKE_DIR/calls\"\n" +
                              "has() { local a; for a in \"${@:2}\"; do [[ \"$a\" == \"$1\" ]] && return 0; done; return 1; }\n" +
                              "arg() { local i; for ((i = 2; i <= $#; i++)); do [[ \"${!i}\" == \"$1\" ]] && { j=$((i + 1)); echo \"${!j}\"; return; }; done; }\n";
        WriteScript("kafka-topics.sh", record +
            "if has --describe \"$@\"; then cat \"$FAKE_DIR/topics-describe.out\" 2>/dev/null || true; exit 0; fi\n" +
            "if has --list \"$@\"; then\n" +
            "  config=\"$(arg --command-config \"$@\")\"\n" +
            "  user=\"$(sed -n 's/.*username=\"\\([^\"]*\\)\".*/\\1/p' \"$config\")\"\n" +
            "  password=\"$(sed -n 's/.*password=\"\\([^\"]*\\)\".*/\\1/p' \"$config\")\"\n" +
            "  if [[ -f \"$FAKE_DIR/cluster-passwords/$user\" && \"$(cat \"$FAKE_DIR/cluster-passwords/$user\")\" != \"$password\" ]]; then\n" +
            "    echo 'Error while executing topic command : Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512' >&2; exit 1\n" +
            "  fi\n" +
            "  exit 0\n" +
            "fi\n" +
            "echo done\n");
        WriteScript("kafka-configs.sh", record +
            "if has --describe \"$@\"; then\n" +
            "  if [[ \"$(arg --entity-type \"$@\")\" == users ]]; then cat \"$FAKE_DIR/users.out\" 2>/dev/null || true; exit 0; fi\n" +
            "  topic=\"$(arg --entity-name \"$@\")\"; echo \"Dynamic configs for topic $topic are:\"; cat \"$FAKE_DIR/configs-$topic.out\" 2>/dev/null || true; exit 0\n" +
            "fi\n" +
            "echo \"Completed updating config for entity.\"\n");
        WriteScript("kafka-acls.sh", record +
            "if has --list \"$@\"; then cat \"$FAKE_DIR/acls.out\" 2>/dev/null || true; exit 0; fi\n" +
            "echo done\n");
        Directory.CreateDirectory(_temp.Combine("tls"));
        File.WriteAllText(_temp.Combine("tls", "ca.crt"), "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n");
        File.WriteAllText(_temp.Combine("tls", "tls.key"), "-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n");
        File.WriteAllText(_temp.Combine("tls", "tls.crt"), "-----BEGIN CERTIFICATE-----\ncrt\n-----END CERTIFICATE-----\n");
        Directory.CreateDirectory(_temp.Combine("passwords"));
        File.WriteAllText(_temp.Combine("passwords", "orders-service"), OrdersPassword);
    }

    private void WriteScript(string name, string body)
    {
        var path = _temp.Combine("kafka", "bin", name);
        File.WriteAllText(path, "#!/usr/bin/env bash\nset -euo pipefail\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<(Engine.Tools.ToolResult Run, List<string[]> Calls)> RunAsync(string authMode = "scram", bool prune = false, string? managed = null)
    {
        File.Delete(Fake("calls"));
        var environment = new Dictionary<string, string?>
        {
            ["KAFKA_HOME"] = _temp.Combine("kafka"),
            ["FAKE_DIR"] = Fake(),
            ["RECONCILE_BOOTSTRAP"] = "payments-kafka.payments.svc.cluster.local:9092",
            ["RECONCILE_AUTH_MODE"] = authMode,
            ["RECONCILE_TLS_DIR"] = _temp.Combine("tls"),
            ["RECONCILE_ADMIN_USER"] = "admin",
            ["RECONCILE_ADMIN_PASSWORD"] = AdminPassword,
            ["RECONCILE_PASSWORDS_DIR"] = _temp.Combine("passwords"),
            ["RECONCILE_DECLARED"] = _temp.Write("declared.tsv", Declared),
            ["RECONCILE_MANAGED"] = _temp.Write("managed.tsv", managed ?? Identities(Declared)),
            ["RECONCILE_PRUNE"] = prune ? "true" : "false",
            ["RECONCILE_WORK_DIR"] = _temp.Combine("work"),
        };
        var run = await ProcessRunner.RunAsync("bash", [Script], _temp.Path, environment, timeout: TimeSpan.FromMinutes(2));
        var calls = File.Exists(Fake("calls"))
            ? File.ReadAllLines(Fake("calls")).Select(l => l.TrimEnd('\x1f').Split('\x1f')).ToList()
            : [];
        return (run, calls);
    }

    private static readonly string[] Connection = ["--bootstrap-server", "payments-kafka.payments.svc.cluster.local:9092", "--command-config"];

    /// <summary>The calls that change the cluster, with the connection flags every call carries checked and cut off.</summary>
    private string[][] Changes(List<string[]> calls)
    {
        var admin = _temp.Combine("work", "admin.properties");
        Assert.All(calls.Where(c => !c.Contains(_temp.Combine("work", "user.properties"))), c => Assert.Equal([.. Connection, admin], c[1..5]));
        return [.. calls.Where(c => c.Intersect(["--create", "--alter", "--delete", "--add", "--remove"]).Any()).Select(c => (string[])[c[0], .. c[5..]])];
    }

    [Fact]
    public async Task A_first_run_creates_everything_with_the_documented_flags_and_never_prints_a_password()
    {
        InstallStandIns();

        var (run, calls) = await RunAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal<string[]>(
        [
            ["kafka-topics.sh", "--create", "--topic", "orders.v1", "--partitions", "6", "--replication-factor", "3", "--config", "cleanup.policy=compact,delete", "--config", "retention.ms=604800000"],
            ["kafka-topics.sh", "--create", "--topic", "payments", "--partitions", "3", "--replication-factor", "3"],
            ["kafka-configs.sh", "--alter", "--entity-type", "users", "--entity-name", "orders-service", "--add-config", $"SCRAM-SHA-512=[password={OrdersPassword}]"],
            ["kafka-acls.sh", "--add", "--allow-principal", "User:orders-service", "--operation", "Read", "--topic", "orders.v1", "--resource-pattern-type", "literal"],
            ["kafka-acls.sh", "--add", "--allow-principal", "User:orders-service", "--operation", "DescribeConfigs", "--group", "orders-", "--resource-pattern-type", "prefixed"],
            ["kafka-acls.sh", "--add", "--deny-principal", "User:orders-service", "--operation", "Alter", "--cluster", "--resource-pattern-type", "literal"],
        ], Changes(calls));
        Assert.Contains("6 change(s) to make", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(OrdersPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);

        var admin = File.ReadAllText(_temp.Combine("work", "admin.properties"));
        Assert.Contains("security.protocol=SASL_SSL\n", admin, StringComparison.Ordinal);
        Assert.Contains("sasl.mechanism=SCRAM-SHA-512\n", admin, StringComparison.Ordinal);
        Assert.Contains($"ssl.truststore.location={_temp.Combine("tls", "ca.crt")}\n", admin, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_temp.Combine("work", "admin.properties")));
    }

    /// <summary>The cluster as Kafka 4's tools describe it after the first run, plus what a team changed since.</summary>
    private void ObserveMatchingCluster(int ordersPartitions = 6, string ordersPassword = OrdersPassword)
    {
        File.WriteAllText(Fake("topics-describe.out"),
            $"Topic: orders.v1\tTopicId: 7Qm3qk1tRw2m0v9V3zq8yA\tPartitionCount: {ordersPartitions}\tReplicationFactor: 3\tConfigs: cleanup.policy=compact,delete,min.insync.replicas=2,retention.ms=604800000\n" +
            "\tTopic: orders.v1\tPartition: 0\tLeader: 1\tReplicas: 1,2,0\tIsr: 1,2,0\tElr: \tLastKnownElr: \n" +
            "Topic: payments\tTopicId: 2vJ8n3kVQ0-1xYcM7dG5Lw\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: min.insync.replicas=2\n" +
            "\tTopic: payments\tPartition: 0\tLeader: 0\tReplicas: 0,1,2\tIsr: 0,1,2\tElr: \tLastKnownElr: \n");
        File.WriteAllText(Fake("configs-orders.v1.out"),
            "  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete}\n" +
            "  retention.ms=604800000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=604800000}\n");
        File.WriteAllText(Fake("users.out"),
            "SCRAM credential configs for user-principal 'admin' are SCRAM-SHA-512=iterations=4096\n" +
            "SCRAM credential configs for user-principal 'orders-service' are SCRAM-SHA-512=iterations=8192\n");
        File.WriteAllText(Fake("cluster-passwords", "orders-service"), ordersPassword);
        File.WriteAllText(Fake("acls.out"),
            "Current ACLs for resource `ResourcePattern(resourceType=TOPIC, name=orders.v1, patternType=LITERAL)`: \n" +
            " \t(principal=User:orders-service, host=*, operation=READ, permissionType=ALLOW) \n\n" +
            "Current ACLs for resource `ResourcePattern(resourceType=GROUP, name=orders-, patternType=PREFIXED)`: \n" +
            " \t(principal=User:orders-service, host=*, operation=DESCRIBE_CONFIGS, permissionType=ALLOW) \n\n" +
            "Current ACLs for resource `ResourcePattern(resourceType=CLUSTER, name=kafka-cluster, patternType=LITERAL)`: \n" +
            " \t(principal=User:orders-service, host=*, operation=ALTER, permissionType=DENY) \n\n");
    }

    [Fact]
    public async Task A_second_run_on_a_cluster_that_matches_changes_nothing_and_says_so()
    {
        InstallStandIns();
        ObserveMatchingCluster();

        var (run, calls) = await RunAsync(prune: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(Changes(calls));
        Assert.Contains("the cluster matches the values: nothing to change", run.StandardError, StringComparison.Ordinal);
        // It looked: topics, the overrides of each declared topic, users (and the declared user's login), ACLs.
        Assert.Contains(calls, c => c[0] == "kafka-topics.sh" && c.Contains("--describe") && c.Contains("--exclude-internal"));
        Assert.Contains(calls, c => c[0] == "kafka-configs.sh" && c.Contains("--describe") && c.Contains("topics") && c.Contains("orders.v1"));
        Assert.Contains(calls, c => c[0] == "kafka-configs.sh" && c.Contains("--describe") && c.Contains("users"));
        Assert.Contains(calls, c => c[0] == "kafka-acls.sh" && c.Contains("--list"));
        Assert.DoesNotContain(OrdersPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_partitions_a_rotated_password_and_a_pruned_topic_are_applied_with_regex_safe_topic_names()
    {
        InstallStandIns();
        ObserveMatchingCluster(ordersPartitions: 4, ordersPassword: "the-old-password");
        File.AppendAllText(Fake("topics-describe.out"), "Topic: legacy.events\tTopicId: x\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: \n");
        var managed = Identities(Declared) + $"topic{Tab}legacy.events\n";

        var (run, calls) = await RunAsync(prune: true, managed: managed);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal<string[]>(
        [
            // --topic is a regular expression for --alter and --delete: the dot is escaped.
            ["kafka-topics.sh", "--alter", "--topic", "orders\\.v1", "--partitions", "6"],
            ["kafka-configs.sh", "--alter", "--entity-type", "users", "--entity-name", "orders-service", "--add-config", $"SCRAM-SHA-512=[password={OrdersPassword}]"],
            ["kafka-topics.sh", "--delete", "--topic", "legacy\\.events"],
        ], Changes(calls));
        Assert.Contains("setting the new password of user orders-service", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(OrdersPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("the-old-password", run.StandardOutput + run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("work", "user.properties")), "the user's login file is removed after the check");
    }

    [Fact]
    public async Task With_mutual_TLS_the_Job_connects_with_the_brokers_certificate_and_manages_no_SCRAM_users()
    {
        InstallStandIns();
        ObserveMatchingCluster();

        var (run, calls) = await RunAsync(authMode: "mtls");

        Assert.True(run.ExitCode == 0, run.ToString());
        var admin = File.ReadAllText(_temp.Combine("work", "admin.properties"));
        Assert.Contains("security.protocol=SSL\n", admin, StringComparison.Ordinal);
        Assert.Contains("ssl.keystore.type=PEM\n", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("sasl", admin, StringComparison.Ordinal);
        Assert.DoesNotContain(calls, c => c.Contains("users"));
    }

    [Fact]
    public async Task Without_authentication_users_are_created_ahead_of_the_switch_to_scram_and_ACLs_wait_for_the_authorizer()
    {
        InstallStandIns();

        var (run, calls) = await RunAsync(authMode: "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["kafka-topics.sh", "kafka-topics.sh", "kafka-configs.sh"], Changes(calls).Select(c => c[0]));
        Assert.Contains(Changes(calls), c => c.Contains($"SCRAM-SHA-512=[password={OrdersPassword}]"));
        Assert.DoesNotContain(calls, c => c[0] == "kafka-acls.sh");
        var admin = File.ReadAllText(_temp.Combine("work", "admin.properties"));
        Assert.StartsWith("security.protocol=SSL\n", admin, StringComparison.Ordinal);
        Assert.DoesNotContain("sasl", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_tool_is_reported_with_its_output_and_the_password_cut_out()
    {
        InstallStandIns();
        WriteScript("kafka-configs.sh", "if [[ \" $* \" == *\" --describe \"* ]]; then exit 0; fi\necho \"Invalid config: $*\" >&2; exit 1\n");

        var (run, _) = await RunAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("create-user orders-service failed", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("<redacted>", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(OrdersPassword, run.StandardOutput + run.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
