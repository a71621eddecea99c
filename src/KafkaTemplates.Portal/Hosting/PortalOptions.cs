using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Templates;
using Microsoft.Extensions.Logging;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// How the portal runs: where it listens, where it keeps tasks and repos, which templates it serves, and its limits.
/// The defaults suit one developer on their own machine: loopback only, two tasks at a time, 1 MiB requests.
/// </summary>
public sealed record PortalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:7007";

    /// <summary>Settings the portal's configuration errors ask for; the front door that starts the portal names them.</summary>
    internal static readonly Setting AllowRemoteSetting = new("allow-remote"), DataSetting = new("data"), IssuerSetting = new("oidc-issuer"),
        DatabaseSetting = new("database");

    /// <summary>Addresses to listen on, as <c>http://host:port</c>. Port 0 picks a free port (see <see cref="PortalHost.Addresses"/>).</summary>
    public IReadOnlyList<string> Urls { get; init; } = [DefaultUrl];

    /// <summary>Listening on anything but loopback is refused unless this is set or <see cref="SignIn"/> is: without sign-in the portal trusts every caller.</summary>
    public bool AllowRemote { get; init; }

    /// <summary>Sign-in through an OpenID Connect issuer, with per-user access. Null: one user, on loopback.</summary>
    public PortalSignIn? SignIn { get; init; }

    /// <summary>Holds the task database and the finished repos. Only one portal may use a data folder at a time.</summary>
    public string DataDirectory { get; init; } = DefaultDataDirectory;

    /// <summary>The per-user folder used when no data folder is given.</summary>
    public static string DefaultDataDirectory => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "kafka-templates", "portal");

    /// <summary>
    /// The PostgreSQL database several replicas share (a postgres:// URL or an Npgsql connection string). Null: SQLite
    /// in the data folder, for one process. With a database the data folder only stages repos as they are written.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>How often a replica renews its claim on the tasks it holds.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A task whose replica has not renewed its claim for this long is ended by another replica, as failed with the
    /// reason: its replica died (or lost the database for longer than this). Several heartbeats long, so a busy
    /// replica is never taken for a dead one.
    /// </summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The git hosts and tokens upgrade requests use (the portal's configuration or environment). Null: none, so every
    /// repository is refused naming the variable to set.
    /// </summary>
    public Publishing.Settings.PublishSettings? Publishing { get; init; }

    /// <summary>The engine (actions, renderer, loader). Null: the default engine.</summary>
    public EngineServices? Engine { get; init; }

    /// <summary>The templates served. Null: the templates shipped with the tool.</summary>
    public TemplateCatalog? Catalog { get; init; }

    /// <summary>Tasks that run at once; the rest wait in a queue.</summary>
    public int MaxConcurrentTasks { get; init; } = 2;

    /// <summary>Tasks that may wait for a slot; beyond this, new tasks are refused with 503 until the queue drains.</summary>
    public int MaxQueuedTasks { get; init; } = 100;

    /// <summary>Dry runs rendered at once; further requests wait for a slot, so a burst cannot starve the thread pool.</summary>
    public int MaxConcurrentDryRuns { get; init; } = Environment.ProcessorCount;

    /// <summary>Largest request body accepted; larger requests get 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1024 * 1024;

    /// <summary>How long GET .../events waits for a new event before answering with an empty list (RFC 6202 advises 30 s).</summary>
    public TimeSpan EventsPollTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a created repo stays downloadable; older ones are removed at start and every hour.</summary>
    public TimeSpan KeepReposFor { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Validate each created repo (with helm and promtool when they are on <see cref="ToolSearchPath"/>), as `new` does.</summary>
    public bool ValidateRepos { get; init; } = true;

    /// <summary>PATH-style folders searched for helm and promtool. Null: this process's PATH.</summary>
    public string? ToolSearchPath { get; init; }

    /// <summary>Where the server logs go. Null: nowhere (the CLI adds a console logger).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    internal void Check()
    {
        var problems = new List<string>();
        if (Urls.Count == 0) problems.Add("give at least one URL to listen on");
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("give a data folder");
        if (MaxConcurrentTasks is < 1 or > 64) problems.Add($"the number of concurrent tasks must be 1-64, not {MaxConcurrentTasks}");
        if (MaxQueuedTasks is < 0 or > 10_000) problems.Add($"the task queue length must be 0-10000, not {MaxQueuedTasks}");
        if (MaxConcurrentDryRuns is < 1 or > 256) problems.Add($"the number of concurrent dry runs must be 1-256, not {MaxConcurrentDryRuns}");
        if (MaxRequestBodyBytes is < 1024 or > 256L * 1024 * 1024) problems.Add($"the request size limit must be 1 KiB-256 MiB, not {MaxRequestBodyBytes} bytes");
        if (KeepReposFor < TimeSpan.FromHours(1) || KeepReposFor > TimeSpan.FromDays(3650)) problems.Add($"created repos must be kept from 1 hour to 3650 days, not {KeepReposFor}");
        if (EventsPollTimeout <= TimeSpan.Zero) problems.Add("the events poll timeout must be positive");
        if (HeartbeatInterval < TimeSpan.FromMilliseconds(100) || HeartbeatInterval > TimeSpan.FromMinutes(5))
            problems.Add($"the heartbeat interval must be 0.1-300 s, not {HeartbeatInterval.TotalSeconds} s");
        if (ClaimTimeout < HeartbeatInterval * 3)
            problems.Add($"the claim timeout ({ClaimTimeout.TotalSeconds} s) must be at least three heartbeats ({HeartbeatInterval.TotalSeconds * 3} s)");
        if (SignIn is not null) problems.AddRange(SignIn.Problems());
        if (problems.Count > 0) throw new PortalConfigurationException(string.Join("; ", problems));
    }
}
