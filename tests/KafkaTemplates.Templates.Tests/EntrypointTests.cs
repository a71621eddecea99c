using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// The image's entry point (docker/entrypoint.sh, copied byte for byte into every repo), run by bash with stand-ins for
/// Kafka's own scripts that record how they were called: no broker can run here, but what the entry point hands to
/// Kafka (server.properties, the kafka-storage format arguments) and how it rotates certificates can be checked.
/// </summary>
public sealed class EntrypointTests : IDisposable
{
    private const string InterBrokerPassword = "ib-Secret-4711";
    private const string AdminPassword = "adm-Secret-0815";

    private readonly TempFolder _temp = new("entrypoint");

    private static string Script => Path.Combine(FrontDoors.TemplateFolder, "skeleton", "docker", "entrypoint.sh");

    private string Runtime => _temp.Combine("runtime");

    private string Tls => _temp.Combine("tls");

    public EntrypointTests()
    {
        Directory.CreateDirectory(_temp.Combine("kafka", "bin"));
        // kafka-storage.sh records its arguments, one per line; kafka-server-start.sh notes that it ran, and with
        // FAKE_SERVER_STAYS_UP runs until it is stopped.
        WriteScript(_temp.Combine("kafka", "bin", "kafka-storage.sh"), $"printf '%s\\n' \"$@\" > '{_temp.Combine("format-args")}'\n");
        WriteScript(_temp.Combine("kafka", "bin", "kafka-server-start.sh"),
            $"trap 'echo stopped > \"{_temp.Combine("server-stopped")}\"; exit 0' TERM\necho started > '{_temp.Combine("server-started")}'\n" +
            "if [ -n \"${FAKE_SERVER_STAYS_UP:-}\" ]; then for _ in $(seq 1 600); do sleep 0.1; done; fi\n");
        Directory.CreateDirectory(_temp.Combine("template"));
        File.WriteAllText(_temp.Combine("template", "server.properties"), $"log.dirs={_temp.Combine("data")}\n");
        Directory.CreateDirectory(Tls);
        File.WriteAllText(Path.Combine(Tls, "tls.key"), "-----BEGIN PRIVATE KEY-----\nkey-1\n-----END PRIVATE KEY-----\n");
        File.WriteAllText(Path.Combine(Tls, "tls.crt"), "-----BEGIN CERTIFICATE-----\ncert-1\n-----END CERTIFICATE-----\n");
        File.WriteAllText(Path.Combine(Tls, "ca.crt"), "-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n");
    }

    private Dictionary<string, string?> Environment(int ordinal) => new()
    {
        ["KAFKA_HOME"] = _temp.Combine("kafka"),
        ["KAFKA_CONFIG_TEMPLATE"] = _temp.Combine("template", "server.properties"),
        ["KAFKA_RUNTIME_CONFIG_DIR"] = Runtime,
        ["POD_NAME"] = $"payments-kafka-{ordinal}",
        ["POD_NAMESPACE"] = "payments",
        ["KAFKA_ROLE"] = "broker",
        ["KAFKA_COMBINED_CONTROLLERS"] = "3",
        ["KAFKA_HEADLESS_SERVICE"] = "payments-kafka-headless",
        ["KAFKA_CLUSTER_ID"] = "AAAAAAAAAAAAAAAAAAAAAA",
        ["KAFKA_INITIAL_CONTROLLERS"] = "0@payments-kafka-0:9093:AAAAAAAAAAAAAAAAAAAAAA",
        ["KAFKA_TLS_DIR"] = Tls,
        ["KAFKA_TLS_CHECK_SECONDS"] = "1",
        ["KAFKA_TLS_RESTART_SPACING_SECONDS"] = "0",
        ["KAFKA_SCRAM_INTER_BROKER_USER"] = "payments-kafka-broker",
        ["KAFKA_SCRAM_INTER_BROKER_PASSWORD"] = InterBrokerPassword,
        ["KAFKA_SCRAM_ADMIN_USER"] = "admin",
        ["KAFKA_SCRAM_ADMIN_PASSWORD"] = AdminPassword,
        ["KAFKA_RACK_BY_ORDINAL"] = "eu-1a,eu-1b,eu-1c",
    };

    [Fact]
    public async Task It_builds_the_PEM_keystore_adds_the_SCRAM_users_at_format_time_and_never_logs_a_password()
    {
        var run = await ProcessRunner.RunAsync("bash", [Script, "kafka"], _temp.Path, Environment(4), timeout: TimeSpan.FromMinutes(2));

        // The stand-in server ran to its end: the entry point exec'd it.
        Assert.True(File.Exists(_temp.Combine("server-started")), run.ToString());
        Assert.Equal(
            File.ReadAllText(Path.Combine(Tls, "tls.key")) + File.ReadAllText(Path.Combine(Tls, "tls.crt")),
            File.ReadAllText(Path.Combine(Runtime, "tls", "keystore.pem")));

        var format = File.ReadAllLines(_temp.Combine("format-args"));
        Assert.Equal("format", format[0]);
        Assert.Contains($"SCRAM-SHA-512=[name=payments-kafka-broker,password={InterBrokerPassword}]", format);
        Assert.Contains($"SCRAM-SHA-512=[name=admin,password={AdminPassword}]", format);
        Assert.Equal(2, format.Count(a => a == "--add-scram"));

        var properties = File.ReadAllText(Path.Combine(Runtime, "server.properties"));
        Assert.Contains($"listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"payments-kafka-broker\" password=\"{InterBrokerPassword}\";", properties, StringComparison.Ordinal);
        Assert.Contains("broker.rack=eu-1b\n", properties, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Runtime, "server.properties")));

        Assert.DoesNotContain(InterBrokerPassword, run.StandardError + run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminPassword, run.StandardError + run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_that_is_not_PKCS8_is_refused_with_how_to_convert_it()
    {
        File.WriteAllText(Path.Combine(Tls, "tls.key"), "-----BEGIN RSA PRIVATE KEY-----\nkey\n-----END RSA PRIVATE KEY-----\n");

        var run = await ProcessRunner.RunAsync("bash", [Script, "kafka"], _temp.Path, Environment(0), timeout: TimeSpan.FromMinutes(2));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not a PKCS#8 key", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("openssl pkcs8 -topk8 -nocrypt", run.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.Combine("server-started")));
    }

    [Fact]
    public async Task A_renewed_certificate_stops_the_server_gracefully_so_the_container_restarts_with_it()
    {
        var environment = Environment(0);
        environment["FAKE_SERVER_STAYS_UP"] = "1";
        var running = ProcessRunner.RunAsync("bash", [Script, "kafka"], _temp.Path, environment, timeout: TimeSpan.FromMinutes(2));
        await WaitForAsync(_temp.Combine("server-started"));
        Assert.False(File.Exists(_temp.Combine("server-stopped")));

        // What the kubelet does when cert-manager renews the Secret: the mounted files change.
        File.WriteAllText(Path.Combine(Tls, "tls.crt"), "-----BEGIN CERTIFICATE-----\ncert-2\n-----END CERTIFICATE-----\n");

        var run = await running;
        Assert.True(File.Exists(_temp.Combine("server-stopped")), run.ToString());
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("the TLS Secret was renewed; restarting node 0", run.StandardError, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(string file)
    {
        for (var i = 0; i < 600 && !File.Exists(file); i++) await Task.Delay(100);
        Assert.True(File.Exists(file), $"{file} did not appear");
    }

    private static void WriteScript(string path, string body)
    {
        File.WriteAllText(path, "#!/usr/bin/env bash\n" + body);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _temp.Dispose();
}
