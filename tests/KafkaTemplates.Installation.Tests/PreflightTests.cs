using System.Text.Json.Nodes;

namespace KafkaTemplates.Installation.Tests;

public sealed class PreflightTests : IAsyncLifetime
{
    private readonly InstallFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task Missing_Prometheus_operator_CRDs_say_how_to_disable_the_objects_or_get_the_CRDs()
    {
        _f.Server.PrometheusOperatorCrds = false;
        var values = _f.WriteValues("alerts.yaml", "metrics:\n  serviceMonitor:\n    enabled: true\n  prometheusRule:\n    enabled: true\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", values);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("the chart renders PrometheusRule and ServiceMonitor (monitoring.coreos.com/v1), but the cluster has no Prometheus operator CRDs for them");
        run.ErrorShows("set metrics.prometheusRule.enabled: false and metrics.serviceMonitor.enabled: false in helm/values.yaml");
        run.ErrorShows("prometheus-operator-crds");
        run.ErrorShows("preflight found 1 problem; nothing was changed.");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
        Assert.Null(_f.Server.Get("Namespace", null, "payments"));
    }

    [Fact]
    public async Task Forbidden_verbs_and_other_problems_are_reported_together_and_nothing_is_changed()
    {
        _f.Server.Access.Deny("patch", "apps", "statefulsets", "payments").Deny("create", "apps", "statefulsets", "payments").Deny("create", "", "secrets");
        var values = _f.WriteValues("fast.yaml", "persistence:\n  storageClass: fast-ssd\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", values);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("Permissions: forbidden: cannot create, patch statefulsets.apps in namespace payments (needed to apply StatefulSet payments-kafka)");
        run.ErrorShows("kubectl create role kafka-installer --namespace payments --verb=create,patch --resource=statefulsets.apps");
        run.ErrorShows("Permissions: forbidden: cannot create secrets in namespace payments");
        run.ErrorShows("StorageClass: StorageClass 'fast-ssd' does not exist (the cluster has standard (default))");
        run.ErrorShows("preflight found 3 problems; nothing was changed.");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
        Assert.Contains(_f.Server.Requests, r => r.Path.EndsWith("selfsubjectaccessreviews", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_older_than_the_charts_kubeVersion_is_refused()
    {
        _f.Server.GitVersion = "v1.27.3";

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("the chart supports Kubernetes >=1.29.0-0 (helm/Chart.yaml kubeVersion), but the cluster runs v1.27.3");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task An_object_of_another_release_is_not_taken_over()
    {
        _f.Server.Seed(_f.Server.Kind("Namespace"), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } });
        _f.Server.Seed(_f.Server.Kind("Service"), new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "payments-kafka", ["namespace"] = "payments", ["annotations"] = new JsonObject { ["meta.helm.sh/release-name"] = "orders" } },
            ["spec"] = new JsonObject { ["ports"] = new JsonArray(new JsonObject { ["port"] = 9092 }) },
        });

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("Ownership: Service payments/payments-kafka already exists and belongs to release 'orders' (Helm annotation meta.helm.sh/release-name)");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task A_missing_namespace_needs_create_namespace()
    {
        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("Namespace: namespace 'payments' does not exist");
        run.ErrorShows("pass --create-namespace");
    }

    [Fact]
    public async Task Missing_cert_manager_CRDs_say_to_install_cert_manager_or_bring_your_own_Secrets()
    {
        _f.Server.CertManagerCrds = false;

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace");

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("because tls.source is cert-manager, but the cluster has no cert-manager CRDs");
        run.ErrorShows("set tls.source: secret in helm/values.yaml");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
    }

    [Fact]
    public async Task A_named_ClusterIssuer_must_exist()
    {
        var values = _f.WriteValues("issuer.yaml", "tls:\n  certManager:\n    issuerRef:\n      name: corporate-ca\n      kind: ClusterIssuer\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", values);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("the Certificates name the ClusterIssuer 'corporate-ca', which does not exist");
        Assert.Equal(0, _f.Server.Store.ClientWrites);

        _f.Server.Seed(_f.Server.Kind("ClusterIssuer"), new JsonObject
        {
            ["apiVersion"] = "cert-manager.io/v1", ["kind"] = "ClusterIssuer", ["metadata"] = new JsonObject { ["name"] = "corporate-ca" },
        });
        var again = await _f.InstallAsync("--namespace", "payments", "--create-namespace", "--values", values, "--dry-run");
        Assert.DoesNotContain("corporate-ca", again.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Certificates_from_team_Secrets_need_those_Secrets_in_the_namespace()
    {
        _f.Server.Seed(_f.Server.Kind("Namespace"), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } });
        var values = _f.WriteValues("secret.yaml", "tls:\n  source: secret\n  brokerSecret: payments-kafka-certs\n");

        var run = await _f.InstallAsync("--namespace", "payments", "--values", values);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("StatefulSet payments-kafka needs the Secret 'payments-kafka-certs' in namespace payments, which does not exist");
        run.ErrorShows("kubectl create secret generic payments-kafka-certs --namespace payments");
        Assert.Equal(0, _f.Server.Store.ClientWrites);

        _f.Server.Seed(_f.Server.Kind("Secret"), new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "payments-kafka-certs", ["namespace"] = "payments" },
        });
        var again = await _f.InstallAsync("--namespace", "payments", "--values", values, "--dry-run");
        Assert.DoesNotContain("payments-kafka-certs", again.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_existing_Secrets_must_exist_with_the_password_key_and_their_values_are_never_shown()
    {
        _f.Server.Seed(_f.Server.Kind("Namespace"), new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "payments" } });
        const string password = "c2VjcmV0LW5ldmVyLXByaW50ZWQ="; // base64 of a password no output may contain
        SeedSecret("billing-creds", "password", password);
        var values = _f.WriteValues("users.yaml", """
            users:
              - name: orders-service
                existingSecret: orders-password
              - name: billing
                existingSecret: billing-creds
                existingSecretKey: scram-password
              - name: generated
            """);

        var run = await _f.InstallAsync("--namespace", "payments", "--values", values);

        Assert.True(run.ExitCode == 1, run.ToString());
        run.ErrorShows("users[0] (orders-service).existingSecret in the values names the Secret 'orders-password', which does not exist in namespace payments: the topics/users/ACLs Job could not start");
        run.ErrorShows("kubectl create secret generic orders-password --namespace payments --from-file=password=<a file holding the password>");
        run.ErrorShows("users[1] (billing).existingSecret in the values names the Secret 'billing-creds', which has no key 'scram-password' for the password");
        run.ErrorShows("preflight found 2 problems; nothing was changed.");
        Assert.Equal(0, _f.Server.Store.ClientWrites);
        Assert.DoesNotContain(password, run.ToString(), StringComparison.Ordinal);

        SeedSecret("orders-password", "password", password);
        SeedSecret("billing-creds", "scram-password", password);
        var again = await _f.InstallAsync("--namespace", "payments", "--values", values, "--dry-run");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.DoesNotContain("existingSecret", again.Error.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(password, again.ToString(), StringComparison.Ordinal);
    }

    private void SeedSecret(string name, string key, string value) => _f.Server.Seed(_f.Server.Kind("Secret"), new JsonObject
    {
        ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "payments" },
        ["data"] = new JsonObject { [key] = value },
    });
}
