using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Templates;
using KafkaTemplates.Portal.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates serve</c>: the developer portal. It speaks Backstage's scaffolder API and serves a form at
/// <c>/</c>, from the same engine and templates as <c>new</c>. It listens on loopback unless told otherwise, since it
/// has no sign-in; it runs until Ctrl+C, and tasks it was running then end as failed with the reason.
/// </summary>
internal sealed class ServeCommand(CliConsoles consoles, CliEnvironment environment, UseCaseContext useCases, TemplateFinder templates)
    : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : TemplateSettings
    {
        [CommandOption("--urls <URLS>")]
        [Description("Where to listen, as http://host:port; separate several with ';'. Port 0 takes a free port, printed as 'Listening on http://host:port'. Default: http://127.0.0.1:7007 (this machine only).")]
        [DefaultValue(PortalOptions.DefaultUrl)]
        public string Urls { get; init; } = PortalOptions.DefaultUrl;

        [CommandOption("--data <DIR>")]
        [Description("Folder for the task database and the created repos. Default: kafka-templates/portal in your local application data folder.")]
        public string? Data { get; init; }

        [CommandOption("--database <URL>")]
        [Description("Keep tasks, events and created repos in PostgreSQL, shared by several portal processes: postgres://user@host:5432/database or an Npgsql connection string; the password from the URL or PGPASSWORD. Also KAFKA_TEMPLATES_DATABASE. Default: SQLite in the data folder, for one process.")]
        public string? Database { get; init; }

        [CommandOption("--heartbeat-seconds <SECONDS>")]
        [Description("How often a portal renews its claim on the tasks it runs (0.1-300). Default: 5.")]
        [DefaultValue(5.0)]
        public double HeartbeatSeconds { get; init; } = 5;

        [CommandOption("--claim-timeout-seconds <SECONDS>")]
        [Description("A task whose portal has not renewed its claim for this long is ended as failed by another replica, with the reason (at least three heartbeats). Default: 60.")]
        [DefaultValue(60.0)]
        public double ClaimTimeoutSeconds { get; init; } = 60;

        [CommandOption("--max-concurrent-tasks <N>")]
        [Description("Tasks that run at once (1-64); the rest wait in a queue. Default: 2.")]
        [DefaultValue(2)]
        public int MaxConcurrentTasks { get; init; } = 2;

        [CommandOption("--keep-repos-days <DAYS>")]
        [Description("Days a created repo stays downloadable (1-3650); older ones are removed, their tasks and logs kept. Default: 7.")]
        [DefaultValue(7)]
        public int KeepReposDays { get; init; } = 7;

        [CommandOption("--allow-remote")]
        [Description("Allow listening on addresses other than loopback without sign-in: put an authenticating proxy in front of it. Not needed with --oidc-issuer.")]
        public bool AllowRemote { get; init; }

        [CommandOption("--oidc-issuer <URL>")]
        [Description("Turn on sign-in: the OpenID Connect issuer whose tokens the portal accepts (its discovery document names the signing keys). Also KAFKA_TEMPLATES_OIDC_ISSUER.")]
        public string? OidcIssuer { get; init; }

        [CommandOption("--oidc-audience <AUDIENCE>")]
        [Description("The audience (aud) every bearer token must carry; required with --oidc-issuer. Also KAFKA_TEMPLATES_OIDC_AUDIENCE.")]
        public string? OidcAudience { get; init; }

        [CommandOption("--oidc-client-id <ID>")]
        [Description("The client the web page signs in as (authorization code with PKCE); its secret, if any, comes from KAFKA_TEMPLATES_OIDC_CLIENT_SECRET. Without it only bearer tokens are accepted. Also KAFKA_TEMPLATES_OIDC_CLIENT_ID.")]
        public string? OidcClientId { get; init; }

        [CommandOption("--oidc-user-claim <CLAIM>")]
        [Description("The claim that names the user; a value v becomes user:default/v, an entity ref stays as it is. Default: sub.")]
        [DefaultValue("sub")]
        public string OidcUserClaim { get; init; } = "sub";

        [CommandOption("--oidc-group-claim <CLAIM>")]
        [Description("The claim that lists the user's groups, which --role rules match. Default: groups (Backstage tokens: ent).")]
        [DefaultValue("groups")]
        public string OidcGroupClaim { get; init; } = "groups";

        [CommandOption("--role <GROUP=PERMISSIONS>")]
        [Description("What a group may do, e.g. group:default/platform=see-all-tasks,cancel-any; repeat for more groups; * is every signed-in user (default: list-templates,run:*,cancel,download). Permissions: list-templates, run:TEMPLATE, run:*, see-all-tasks, cancel, cancel-any, download, download-any.")]
        public string[] Roles { get; init; } = [];

        [CommandOption("--public-url <URL>")]
        [Description("The portal's address as browsers reach it, such as https://portal.example.com behind a TLS-terminating proxy; the sign-in returns there.")]
        public string? PublicUrl { get; init; }

        [CommandOption("--oidc-clock-skew <SECONDS>")]
        [Description("Seconds of clock difference with the issuer tolerated when checking expiry (0-300). Default: 30.")]
        [DefaultValue(30)]
        public int OidcClockSkew { get; init; } = 30;

        public override ValidationResult Validate() =>
            MaxConcurrentTasks is < 1 or > 64 ? ValidationResult.Error($"--max-concurrent-tasks must be 1-64, not {MaxConcurrentTasks}")
            : KeepReposDays is < 1 or > 3650 ? ValidationResult.Error($"--keep-repos-days must be 1-3650, not {KeepReposDays}")
            : HeartbeatSeconds is < 0.1 or > 300 ? ValidationResult.Error($"--heartbeat-seconds must be 0.1-300, not {HeartbeatSeconds}")
            : ClaimTimeoutSeconds < HeartbeatSeconds * 3 ? ValidationResult.Error($"--claim-timeout-seconds must be at least three heartbeats ({HeartbeatSeconds * 3}), not {ClaimTimeoutSeconds}")
            : ValidationResult.Success();
    }

    private PortalSignIn? SignInFrom(Settings settings)
    {
        string? Setting(string? flag, string variable) =>
            flag ?? (environment.Variables.TryGetValue(variable, out var value) && value.Length > 0 ? value : null);
        var issuer = Setting(settings.OidcIssuer, "KAFKA_TEMPLATES_OIDC_ISSUER");
        var audience = Setting(settings.OidcAudience, "KAFKA_TEMPLATES_OIDC_AUDIENCE");
        var clientId = Setting(settings.OidcClientId, "KAFKA_TEMPLATES_OIDC_CLIENT_ID");
        var secret = Setting(null, PortalSignIn.ClientSecretVariable);
        if (issuer is null)
        {
            if (audience is not null || clientId is not null || settings.Roles.Length > 0 || settings.PublicUrl is not null)
                throw new UsageException("--oidc-audience, --oidc-client-id, --role and --public-url need --oidc-issuer: give the issuer to turn sign-in on");
            return null;
        }
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUrl))
            throw new UsageException($"--oidc-issuer '{issuer}' is not a URL; write it as https://login.example.com/realms/main");
        if (audience is null) throw new UsageException("--oidc-issuer needs --oidc-audience: the audience the portal's tokens carry");
        Uri? publicUrl = null;
        if (settings.PublicUrl is not null && !Uri.TryCreate(settings.PublicUrl, UriKind.Absolute, out publicUrl))
            throw new UsageException($"--public-url '{settings.PublicUrl}' is not a URL; write it as https://portal.example.com");
        if (settings.OidcClockSkew is < 0 or > 300) throw new UsageException($"--oidc-clock-skew must be 0-300, not {settings.OidcClockSkew}");
        return new PortalSignIn
        {
            Issuer = issuerUrl,
            Audience = audience,
            ClientId = clientId,
            ClientSecret = secret,
            UserClaim = settings.OidcUserClaim,
            GroupClaim = settings.OidcGroupClaim,
            Roles = settings.Roles,
            PublicUrl = publicUrl,
            ClockSkew = TimeSpan.FromSeconds(settings.OidcClockSkew),
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = templates.Catalog(settings.TemplatesIn(environment));
        // The portal runs publish:* and catalog:register, and opens upgrade requests, with the tokens of its own
        // environment, never a request's.
        var hosts = PublishingEnvironment.Read(environment);
        var publishing = useCases.WithPublishing(hosts);
        var signIn = SignInFrom(settings);
        var options = new PortalOptions
        {
            SignIn = signIn,
            Urls = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AllowRemote = settings.AllowRemote,
            DataDirectory = settings.Data is null ? PortalOptions.DefaultDataDirectory : environment.ResolvePath(settings.Data),
            Database = settings.Database ?? (environment.Variables.TryGetValue("KAFKA_TEMPLATES_DATABASE", out var database) && database.Length > 0 ? database : null),
            HeartbeatInterval = TimeSpan.FromSeconds(settings.HeartbeatSeconds),
            ClaimTimeout = TimeSpan.FromSeconds(settings.ClaimTimeoutSeconds),
            Engine = publishing.Engine,
            Publishing = hosts,
            Catalog = catalog,
            MaxConcurrentTasks = settings.MaxConcurrentTasks,
            KeepReposFor = TimeSpan.FromDays(settings.KeepReposDays),
            ToolSearchPath = useCases.ToolSearchPath,
            ConfigureLogging = logging => logging
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning)
                // A failed start (a port in use) is reported by serve in one line; the host would log it again with its stack.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None)
                // The sign-in key ring is kept unencrypted in the portal's own store by design (README says why and how
                // to guard it); the framework's warning about that would print on every start and offer no fix.
                .AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error),
        };

        PortalHost host;
        try
        {
            host = await PortalHost.StartAsync(options, cancellationToken);
        }
        catch (PortalConfigurationException e)
        {
            throw new UsageException(consoles.Flags(e.Message));
        }
        await using (host)
        {
            var templates = catalog.List().Count(e => e.Template is not null);
            consoles.Error.MarkupLineInterpolated($"Serving {templates} template(s) at [link]{host.Addresses[0]}[/] (data: {host.DataDirectory}).");
            consoles.Error.MarkupLineInterpolated($"Tasks are kept in {host.StoreDescription} (replica {host.ReplicaId}).");
            foreach (var address in host.Addresses.Skip(1)) consoles.Error.MarkupLineInterpolated($"  also at {address}");
            // One plain line per bound address, the port the system chose for port 0 included: scripts and tests read it.
            foreach (var address in host.Addresses) consoles.Error.WriteLine($"Listening on {address.GetLeftPart(UriPartial.Authority)}");
            if (signIn is null) consoles.Error.MarkupLine("No sign-in: one user, on loopback.");
            else consoles.Error.MarkupLineInterpolated($"Users sign in through {signIn.Issuer.ToString().TrimEnd('/')} (audience {signIn.Audience}).");
            if (host.RecoveredTasks > 0)
                consoles.Warning($"{host.RecoveredTasks} task(s) were still running when the portal last stopped; they are marked failed.");
            consoles.Error.MarkupLine("Press Ctrl+C to stop.");
            try
            {
                await host.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop below, as for any other shutdown.
            }
            await host.StopAsync(CancellationToken.None);
        }
        consoles.Error.MarkupLine("Stopped.");
        return ExitCodes.Success;
    }
}
