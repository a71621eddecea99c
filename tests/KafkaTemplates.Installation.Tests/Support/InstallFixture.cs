using KafkaTemplates.Installation.Tests.ApiServer;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Installation.Tests.Support;

/// <summary>Per test: an emulated API server, a kubeconfig pointing at it, a fresh copy of the payments repo, and a HOME with no kubeconfig.</summary>
public sealed class InstallFixture : IAsyncLifetime
{
    public TempFolder Temp { get; } = new("install");

    public EmulatedApiServer Server { get; private set; } = null!;

    public string Repo { get; private set; } = "";

    public string Kubeconfig { get; private set; } = "";

    public string Home => Temp.Combine("home");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        Server = await EmulatedApiServer.StartAsync();
        Kubeconfig = Server.WriteKubeconfig(Temp.Combine("kubeconfig"));
        Repo = await DeploymentRepos.PaymentsAsync(Temp);
    }

    /// <summary>`kafka-templates install &lt;repo&gt; --kubeconfig &lt;emulated&gt; ...`</summary>
    public Task<CliRun> InstallAsync(params string[] args) =>
        InstallCli.RunAsync(InstallCli.Environment(Home), Temp.Path, null, [Repo, "--kubeconfig", Kubeconfig, .. args]);

    public string WriteValues(string name, string yaml) => Temp.Write(name, yaml);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Temp.Dispose();
    }
}
