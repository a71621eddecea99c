using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Settings;
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
        [Description("Where to listen, as http://host:port; separate several with ';'. Default: http://127.0.0.1:7007 (this machine only).")]
        [DefaultValue(PortalOptions.DefaultUrl)]
        public string Urls { get; init; } = PortalOptions.DefaultUrl;

        [CommandOption("--data <DIR>")]
        [Description("Folder for the task database and the created repos. Default: kafka-templates/portal in your local application data folder.")]
        public string? Data { get; init; }

        [CommandOption("--max-concurrent-tasks <N>")]
        [Description("Tasks that run at once (1-64); the rest wait in a queue. Default: 2.")]
        [DefaultValue(2)]
        public int MaxConcurrentTasks { get; init; } = 2;

        [CommandOption("--keep-repos-days <DAYS>")]
        [Description("Days a created repo stays downloadable (1-3650); older ones are removed, their tasks and logs kept. Default: 7.")]
        [DefaultValue(7)]
        public int KeepReposDays { get; init; } = 7;

        [CommandOption("--allow-remote")]
        [Description("Allow listening on addresses other than loopback. The portal has no sign-in: put an authenticating proxy in front of it.")]
        public bool AllowRemote { get; init; }

        public override ValidationResult Validate() =>
            MaxConcurrentTasks is < 1 or > 64 ? ValidationResult.Error($"--max-concurrent-tasks must be 1-64, not {MaxConcurrentTasks}")
            : KeepReposDays is < 1 or > 3650 ? ValidationResult.Error($"--keep-repos-days must be 1-3650, not {KeepReposDays}")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var catalog = templates.Catalog(settings.TemplatesIn(environment));
        UseCaseContext publishing;
        try
        {
            // The portal runs publish:* and catalog:register with the tokens of its own environment, never a request's.
            publishing = useCases.WithPublishing(PublishSettings.FromEnvironment(environment.Variables));
        }
        catch (PublishException e)
        {
            throw new UsageException(e.Message);
        }
        var options = new PortalOptions
        {
            Urls = settings.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            AllowRemote = settings.AllowRemote,
            DataDirectory = settings.Data is null ? PortalOptions.DefaultDataDirectory : environment.ResolvePath(settings.Data),
            Engine = publishing.Engine,
            Catalog = catalog,
            MaxConcurrentTasks = settings.MaxConcurrentTasks,
            KeepReposFor = TimeSpan.FromDays(settings.KeepReposDays),
            ToolSearchPath = useCases.ToolSearchPath,
            ConfigureLogging = logging => logging
                .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning)
                // A failed start (a port in use) is reported by serve in one line; the host would log it again with its stack.
                .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None),
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
            foreach (var address in host.Addresses.Skip(1)) consoles.Error.MarkupLineInterpolated($"  also at {address}");
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
