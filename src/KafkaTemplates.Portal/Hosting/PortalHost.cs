using System.Net;
using KafkaTemplates.Engine;
using KafkaTemplates.Portal.Access;
using KafkaTemplates.Portal.Api;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Scaffolding;
using KafkaTemplates.Portal.Tasks;
using KafkaTemplates.Portal.Web;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Create;
using KafkaTemplates.UseCases.Upgrade.PullRequests;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// The running portal: one ASP.NET Core application serving the Backstage scaffolder API, the portal's own API and
/// the page. Starting it opens the data folder (one portal per folder), ends the tasks a previous run left
/// unfinished, and binds the listen addresses, loopback only unless <see cref="PortalOptions.AllowRemote"/>.
/// </summary>
public sealed class PortalHost : IAsyncDisposable
{
    /// <summary>The Data Protection application name: replicas with the same one share protected data.</summary>
    internal const string DataProtectionApplication = "kafka-templates-portal";

    private readonly WebApplication _app;
    private readonly DataFolder _data;
    private readonly ITaskStore _store;
    private int _stopped;

    private PortalHost(WebApplication app, DataFolder data, ITaskStore store, IReadOnlyList<Uri> addresses, int recoveredTasks)
    {
        _app = app;
        _data = data;
        _store = store;
        Addresses = addresses;
        RecoveredTasks = recoveredTasks;
    }

    /// <summary>The addresses the portal listens on, with the real port where port 0 was asked for.</summary>
    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>Tasks a previous server left unfinished, marked failed at this start.</summary>
    public int RecoveredTasks { get; }

    public string DataDirectory => _data.Root;

    /// <summary>Where tasks are kept: the SQLite file, or the PostgreSQL database without its password.</summary>
    public string StoreDescription => _store.Description;

    /// <summary>The running application's services, for tests that reach past HTTP (the Data Protection key ring).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>This process's name among the replicas sharing the store.</summary>
    public string ReplicaId => _store.ReplicaId;

    public static async Task<PortalHost> StartAsync(PortalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Check();
        var addresses = options.Urls.Select(ListenAddress.Parse).ToList();
        // With sign-in every caller proves who they are, so the portal may listen where its users can reach it.
        CheckAddresses(addresses, options.AllowRemote || options.SignIn is not null);
        var engine = options.Engine ?? new EngineServices();
        var catalog = new PortalCatalog(options.Catalog ?? engine.Catalog());

        // Read before anything is created, so a malformed --database leaves no data folder behind.
        var database = options.Database is null ? null : DatabaseConnection(options.Database);
        var data = DataFolder.Open(options.DataDirectory);
        ITaskStore? store = null;
        WebApplication? app = null;
        try
        {
            data.RemoveLeftovers();
            store = OpenStore(database, data);
            // SQLite: the data folder's lock says no other process runs, so every unfinished task was left by a stopped
            // one. A shared database: only tasks whose replica stopped beating are.
            var recovered = TaskRecovery.Run(store, data,
                store.IsShared ? DateTimeOffset.UtcNow - options.ClaimTimeout : DateTimeOffset.MaxValue, options.ClaimTimeout);
            RepoRetention.Sweep(data, store, options.KeepReposFor, DateTime.UtcNow);
            app = Build(options, addresses, engine, catalog, data, store);
            LoadKeyRing(app.Services, store);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new PortalConfigurationException($"cannot listen on {string.Join(", ", options.Urls)}: {e.Message}", e);
            }
            var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            return new PortalHost(app, data, store, [.. bound.Select(a => new Uri(a))], recovered);
        }
        catch
        {
            if (app is not null) await app.DisposeAsync();
            store?.Dispose();
            data.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads the Data Protection key ring before the first request, one replica at a time: on an empty ring the first
    /// replica creates the key and the others find it, instead of each making its own default key that the others would
    /// not know until their ring refreshes.
    /// </summary>
    private static void LoadKeyRing(IServiceProvider services, ITaskStore store)
    {
        var protector = services.GetRequiredService<IDataProtectionProvider>().CreateProtector("kafka-templates-portal.key-ring-check");
        store.WithKeyRingLock(() => protector.Protect([1]));
    }

    private static void CheckAddresses(IReadOnlyList<ListenAddress> addresses, bool allowRemote)
    {
        var remote = addresses.Where(a => !a.IsLoopback).Select(a => a.Url).ToList();
        if (remote.Count > 0 && !allowRemote)
            throw new PortalConfigurationException(
                $"refusing to listen on {string.Join(", ", remote)}: the portal has no sign-in configured, so anyone who can reach it could run templates " +
                "and download every repo it made. Keep it on loopback (http://127.0.0.1:7007), configure sign-in with " + PortalOptions.IssuerSetting +
                ", or put an authenticating proxy in front and pass " + PortalOptions.AllowRemoteSetting);
        if (addresses.FirstOrDefault(a => a.Localhost && a.Port == 0) is { } dynamic)
            throw new PortalConfigurationException($"'{dynamic.Url}': a free port can be picked only for an IP address; write http://127.0.0.1:0");
    }

    private static Npgsql.NpgsqlConnectionStringBuilder DatabaseConnection(string database)
    {
        try
        {
            return PostgresConnection.Parse(database);
        }
        catch (FormatException e)
        {
            throw new PortalConfigurationException($"{PortalOptions.DatabaseSetting}: {e.Message}", e);
        }
    }

    private static ITaskStore OpenStore(Npgsql.NpgsqlConnectionStringBuilder? database, DataFolder data)
    {
        if (database is { } connection)
        {
            try
            {
                return PostgresTaskStore.Open(connection);
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or ArgumentException)
            {
                // Npgsql's messages name host and user, never the password.
                throw new PortalConfigurationException(
                    $"cannot use the task database {PostgresConnection.Describe(connection)}: {e.Message}; check {PortalOptions.DatabaseSetting}", e);
            }
        }
        try
        {
            return SqliteTaskStore.Open(data.DatabasePath);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or IOException)
        {
            throw new PortalConfigurationException($"cannot open the task database {data.DatabasePath}: {e.Message}", e);
        }
    }

    private static WebApplication Build(PortalOptions options, IReadOnlyList<ListenAddress> addresses, EngineServices engine,
        PortalCatalog catalog, DataFolder data, ITaskStore store)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PortalHost).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = data.Root,
            Args = [],
        });
        builder.Logging.ClearProviders();
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            foreach (var address in addresses)
            {
                if (address.Localhost) kestrel.ListenLocalhost(address.Port);
                else if (address.Address is not null) kestrel.Listen(address.Address, address.Port);
                else kestrel.ListenAnyIP(address.Port);
            }
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(engine);
        services.AddSingleton(new CreateRepo(new UseCaseContext(engine, options.ToolSearchPath)));
        // Upgrade requests act with the portal's own host tokens, from its configuration; none come from a request.
        services.AddSingleton(new UpgradePullRequests(new UseCaseContext(engine, options.ToolSearchPath),
            options.Publishing ?? PublishSettings.FromEnvironment(new Dictionary<string, string>())));
        services.AddSingleton<UpgradeTaskExecutor>();
        services.AddSingleton(catalog);
        services.AddSingleton(data);
        services.AddSingleton(store);
        // Another replica's events reach this one only through the database: readers look again at least every second.
        services.AddSingleton(new TaskEventHub(store.IsShared ? TimeSpan.FromTicks(Math.Min(options.HeartbeatInterval.Ticks, TimeSpan.TicksPerSecond)) : null));
        services.AddSingleton(_ => new DryRunSlots(options.MaxConcurrentDryRuns));
        services.AddSingleton<TaskEvents>();
        services.AddSingleton<TaskExecutor>();
        services.AddSingleton<TaskService>();
        // Stops after the runner (hosted services stop in reverse order), so streams see the runner's last events.
        services.AddSingleton<StreamLifetime>();
        services.AddHostedService(sp => sp.GetRequiredService<StreamLifetime>());
        services.AddHostedService<RepoRetention>();
        services.AddSingleton<TaskRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskRunner>());
        services.AddHostedService<ReplicaHeartbeat>();
        // The key ring that protects the sign-in cookies lives in the store: every replica (and every restart) reads the
        // same keys, so no sticky sessions are needed. The framework manages the keys; the store only keeps their XML.
        services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new StoreKeyRepository(store));
        if (options.SignIn is not null) SignInSetup.Add(services, options.SignIn);

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("KafkaTemplates.Portal");
        var loopbackOnly = addresses.All(a => a.IsLoopback);
        app.Use((context, next) => ErrorHandling.HandleAsync(context, () => next(context), logger));
        var publicOrigin = options.SignIn?.PublicUrl?.GetLeftPart(UriPartial.Authority);
        app.Use((context, next) => RequestGuards.CheckAsync(context, () => next(context), loopbackOnly, publicOrigin));
        if (app.Services.GetService<SignInServices>() is { } signIn)
        {
            app.UseAuthentication();
            app.UseRouting();
            app.Use((context, next) => AccessGate.CheckAsync(context, () => next(context), signIn, store));
        }

        var scaffolder = app.MapGroup("/api/scaffolder");
        ParameterSchemaEndpoints.Map(scaffolder);
        ActionEndpoints.Map(scaffolder);
        DryRunEndpoints.Map(scaffolder);
        TaskEndpoints.Map(scaffolder);
        TaskEventEndpoints.Map(scaffolder);
        DownloadEndpoints.Map(scaffolder);
        RetryEndpoints.Map(scaffolder);
        TemplatingExtensionEndpoints.Map(scaffolder);
        AutocompleteEndpoints.Map(scaffolder);
        CatalogEndpoints.Map(app.MapGroup("/api/catalog"));
        var portal = app.MapGroup("/api/kafka-templates");
        PortalEndpoints.Map(portal);
        UpgradePullRequestEndpoints.Map(portal);
        HealthEndpoints.Map(app);
        IdentityEndpoints.Map(app, options.SignIn is not null);
        WebAssets.Map(app);
        app.MapFallback((HttpContext context) =>
            ErrorResponses.WriteAsync(context, StatusCodes.Status404NotFound, "NotFoundError", $"no such page or endpoint: {context.Request.Path}"));
        return app;
    }

    /// <summary>Waits until the portal is asked to stop (Ctrl+C, SIGTERM) or the token is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>
    /// Stops the portal: running tasks are cancelled and end as failed ("the server stopped while the task ran"),
    /// queued ones as failed without running, then the database and the data folder are released.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        try
        {
            await _app.StopAsync(cancellationToken);
        }
        finally
        {
            _store.Dispose();
            _data.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
