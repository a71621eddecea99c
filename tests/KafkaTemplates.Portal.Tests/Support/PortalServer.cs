using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>
/// A real portal on a free loopback port, with its own data folder, a client for it, and every log line it wrote.
/// By default it serves the shipped templates (those `kafka-templates new` uses); <see cref="WithFixtures"/> serves
/// the test templates, with the gate action registered.
/// </summary>
internal sealed class PortalServer : IAsyncDisposable
{
    private readonly TempFolder? _ownedData;

    private PortalServer(PortalHost host, TempFolder? ownedData, CapturingLoggerProvider logs)
    {
        Host = host;
        _ownedData = ownedData;
        Logs = logs;
        Client = new HttpClient { BaseAddress = host.Addresses[0], Timeout = TimeSpan.FromMinutes(2) };
    }

    public PortalHost Host { get; }

    public HttpClient Client { get; }

    public CapturingLoggerProvider Logs { get; }

    public string DataDirectory => Host.DataDirectory;

    public static string FixtureTemplates => RepoRoot.Combine("tests", "KafkaTemplates.Portal.Tests", "Fixtures", "templates");

    /// <summary>An engine that also knows the test actions.</summary>
    public static EngineServices EngineWith(GateAction gate, ReachedAction? reached = null, RenderLimits? limits = null) =>
        new(new ActionRegistry(ActionRegistry.CreateDefault().All.Append(gate).Append(reached ?? new ReachedAction())), limits);

    /// <summary>Options for the fixture templates, run by an engine that knows the test actions.</summary>
    public static PortalOptions WithFixtures(PortalOptions options, GateAction gate, ReachedAction? reached = null, RenderLimits? limits = null)
    {
        var engine = EngineWith(gate, reached, limits);
        return options with { Engine = engine, Catalog = new TemplateCatalog(FixtureTemplates, engine.Loader) };
    }

    /// <summary>Starts a portal; <paramref name="dataDirectory"/> shares a data folder between servers (restart tests).</summary>
    public static async Task<PortalServer> StartAsync(Func<PortalOptions, PortalOptions>? configure = null, string? dataDirectory = null)
    {
        var owned = dataDirectory is null ? new TempFolder("portal") : null;
        var logs = new CapturingLoggerProvider();
        var options = new PortalOptions
        {
            Urls = ["http://127.0.0.1:0"],
            DataDirectory = dataDirectory ?? owned!.Path,
            ConfigureLogging = logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace),
        };
        if (configure is not null) options = configure(options);
        try
        {
            return new PortalServer(await PortalHost.StartAsync(options), owned, logs);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
        _ownedData?.Dispose();
    }
}
