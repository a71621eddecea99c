using System.Diagnostics.CodeAnalysis;
using KafkaTemplates.Cli.Commands;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Export.DotnetNew;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Tools;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Installation;
using KafkaTemplates.Upgrades;
using KafkaTemplates.UseCases;
using KafkaTemplates.UseCases.Create;
using KafkaTemplates.UseCases.Install;
using KafkaTemplates.UseCases.Templates;
using KafkaTemplates.UseCases.Upgrade;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli;

/// <summary>
/// The command line: every verb registered in one place, and every failure mapped to the documented exit code with a
/// message that says what to fix. Tests run it in-process with their own consoles and environment.
/// </summary>
internal static class CliApp
{
    /// <summary>The tool's version, as packed (without the source revision the SDK appends).</summary>
    public static string Version { get; } =
        (typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    public static Task<int> RunAsync(string[] args, CliConsoles consoles, CliEnvironment environment, CancellationToken cancellationToken = default) =>
        RunAsync(args, consoles, environment, installer: null, cancellationToken);

    /// <param name="installer">Install settings that have no flags (tests pass a retry policy that does not sleep); null: the defaults.</param>
    // Spectre.Console.Cli builds commands and reads their settings' properties and attributes by reflection; the
    // native tool keeps exactly these types whole (each command added below, and each settings type with its bases).
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ListCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DescribeCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(OneTemplateSettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NewCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(NewCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ValidateCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ValidateCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InstallCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(InstallCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DiffCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(DiffCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(UpgradeCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(UpgradeCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CheckCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(CheckCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ServeCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ServeCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(TemplateLintCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ExportDotnetNewCommand))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ExportDotnetNewCommand.Settings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(TemplateSettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(FormattedTemplateSettings))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(RepoListSettings))]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Spectre.Console.Cli makes generic types over the commands and settings kept above, all classes, whose native code is shared.")]
    public static async Task<int> RunAsync(string[] args, CliConsoles consoles, CliEnvironment environment, InstallerDefaults? installer,
        CancellationToken cancellationToken = default)
    {
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(CliConsoles), consoles);
        registrar.RegisterInstance(typeof(CliEnvironment), environment);
        registrar.RegisterInstance(typeof(InstallerDefaults), installer ?? new InstallerDefaults());
        // Every use case runs on one context: the engine, template versions and tools, as this environment finds them.
        registrar.RegisterLazy(typeof(UseCaseContext), () => UseCaseContext.For(environment.Variables));
        registrar.Register<TemplateFinder>();
        registrar.Register<CreateRepo>();
        registrar.Register<ValidateRepo>();
        registrar.Register<InstallRepo>();
        registrar.Register<DiffRepos>();
        registrar.Register<UpgradeRepo>();
        registrar.Register<CheckRepos>();
        registrar.Register<TemplateLint>();
        registrar.Register<ExportDotnetNewTemplate>();

        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("kafka-templates");
            config.SetApplicationVersion(Version);
            config.Settings.Console = consoles.Out;
            config.PropagateExceptions();
            config.SetInterceptor(new CommandFlags.Interceptor(consoles));
            config.Settings.StrictParsing = true;

            config.AddCommand<ListCommand>("list")
                .WithDescription("List the templates available, with their versions.")
                .WithExample("list").WithExample("list", "--templates", "./templates");
            config.AddCommand<DescribeCommand>("describe")
                .WithDescription("Show a template's parameters: types, defaults, choices and descriptions.")
                .WithExample("describe", "hypertrace-kafka");
            config.AddCommand<NewCommand>("new")
                .WithDescription("Scaffold a new repo from a template.")
                .WithExample("new", "hypertrace-kafka", "-o", "payments-kafka", "--set", "owner=payments", "--set", "brokers=3")
                .WithExample("new", "hypertrace-kafka", "-o", "payments-kafka", "--values", "answers.yaml", "--dry-run");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check a deployment repo: structure, chart, Kubernetes objects, Kafka settings, alerts, image and CI.")
                .WithExample("validate", "payments-kafka").WithExample("validate", ".", "--format", "sarif").WithExample("validate", "--explain", "KT4001");
            config.AddCommand<InstallCommand>("install")
                .WithDescription("Install a deployment repo into a namespace: preflight, server-side apply, prune, wait.")
                .WithExample("install", ".", "--namespace", "payments", "--create-namespace", "--wait")
                .WithExample("install", ".", "--dry-run=server");
            config.AddCommand<DiffCommand>("diff")
                .WithDescription("Show what taking a new template version would change, for one repo or a fleet.")
                .WithExample("diff", ".").WithExample("diff", "repos/*", "--to", "1.4.0");
            config.AddCommand<UpgradeCommand>("upgrade")
                .WithDescription("Take a new template version into a repo with a three-way merge that keeps your edits; with --pull-request, into repositories on GitHub and GitLab as pull or merge requests.")
                .WithExample("upgrade", ".").WithExample("upgrade", ".", "--to", "git+https://github.com/acme/kafka-templates.git@v1.4.0", "--dry-run")
                .WithExample("upgrade", "--pull-request", "https://github.com/acme/payments-kafka", "--repos", "fleet.txt", "--parallel", "8");
            config.AddCommand<CheckCommand>("check")
                .WithDescription("Exit 1 when a repo is behind the newest template version (for CI).")
                .WithExample("check", ".").WithExample("check", "repos/*");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Run the developer portal: the Backstage scaffolder API and a web form, on loopback by default.")
                .WithExample("serve").WithExample("serve", "--urls", "http://127.0.0.1:7007", "--data", "./portal-data", "--max-concurrent-tasks", "4");
            config.AddBranch("template", template =>
            {
                template.SetDescription("Check a template you write.");
                template.AddCommand<TemplateLintCommand>("lint")
                    .WithDescription("Point at each line Backstage would refuse or render differently, and say whether to use copyWithoutTemplating or {% raw %}.")
                    .WithExample("template", "lint", "./templates/my-template")
                    .WithExample("template", "lint", "hypertrace-kafka", "--format", "json");
            });
            config.AddBranch("export", export =>
            {
                export.SetDescription("Export a template to another tool's format.");
                export.AddCommand<ExportDotnetNewCommand>("dotnet-new")
                    .WithDescription("Write .template.config/ for dotnet new from templates/<id>/template.yaml (--check: report stale files).")
                    .WithExample("export", "dotnet-new", "hypertrace-kafka")
                    .WithExample("export", "dotnet-new", "hypertrace-kafka", "--check");
            });
        });

        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (Exception e)
        {
            return Report(consoles, e);
        }
    }

    /// <summary>Maps a failure to its exit code and a message that names what to fix.</summary>
    internal static int Report(CliConsoles consoles, Exception e)
    {
        switch (e)
        {
            case CommandParseException or CommandRuntimeException:
                consoles.Problem(e.Message + " (see --help)");
                return ExitCodes.BadInput;
            case ParameterException p:
                consoles.Problem(p.Count == 1 ? "invalid answer:" : $"{p.Count} invalid answers:");
                foreach (var v in p.Violations)
                    consoles.Error.MarkupLineInterpolated($"  [yellow]{v.Parameter}[/] {consoles.Flags(v.Message)}{Hint(consoles, v)}{(v.Value is null ? "" : $" (got {v.Value})")} [grey][[{v.Rule}]][/]");
                if (p.Omitted > 0) consoles.Error.MarkupLineInterpolated($"  ... and {p.Omitted} more");
                consoles.Error.MarkupLine("Nothing was written.");
                return ExitCodes.BadInput;
            case TemplateLoadException t:
                consoles.Problem("the template cannot be used:");
                foreach (var p in t.Problems) consoles.Error.MarkupLineInterpolated($"  {p.Mark}: {p.Message}");
                if (t.Omitted > 0) consoles.Error.MarkupLineInterpolated($"  ... and {t.Omitted} more");
                return ExitCodes.BadInput;
            case ExportException x:
                consoles.Problem(x.Problems.Count == 1 ? "cannot export to dotnet new:" : $"cannot export to dotnet new ({x.Problems.Count} problems):");
                foreach (var p in x.Problems) consoles.Error.MarkupLineInterpolated($"  {p}");
                return ExitCodes.BadInput;
            case UsageException or UnknownTemplateException or TemplateNotFoundException or TargetNotEmptyException or YamlFormatException
                or UpgradeException or InvalidRepoException or InstallInputException or ReleaseIdentityException or ToolNotFoundException
                or FileNotFoundException or DirectoryNotFoundException:
                consoles.Problem(e.Message);
                return ExitCodes.BadInput;
            case ScaffoldException or RenderException:
                consoles.Problem(e.Message.TrimEnd('.') + ". Nothing was written.");
                return ExitCodes.BadInput;
            case OperationCanceledException:
                consoles.Problem("cancelled; nothing was written");
                return 130;
            case IOException or UnauthorizedAccessException:
                consoles.Problem(e.Message);
                return ExitCodes.BadInput;
            default:
                consoles.Problem($"internal error: {e.GetType().Name}: {e.Message}");
                consoles.Error.WriteLine(e.StackTrace ?? "");
                return ExitCodes.InternalError;
        }
    }

    /// <summary>How to give a missing answer on this command line.</summary>
    private static string Hint(CliConsoles consoles, ParameterViolation v) =>
        v.Rule != "required" ? ""
        : consoles.Command.Has(Engine.Text.Setting.Values.Key) ? $"; give it with --set {v.Parameter}=<value> or in a --values file"
        : $"; give it with --set {v.Parameter}=<value>";
}
