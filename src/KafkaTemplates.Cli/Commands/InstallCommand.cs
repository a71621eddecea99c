using System.ComponentModel;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Installation;
using KafkaTemplates.Installation.Connection;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.UseCases.Install;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Commands;

/// <summary>
/// <c>kafka-templates install</c>: binds the command line to the install use case (the pipeline's last stage: render
/// the repo's chart against the cluster, preflight, server-side apply or helm, prune, wait) and shows the result.
/// Exit codes: 0 installed (or planned); 1 the cluster side has problems (preflight, RBAC, conflicts, unreachable
/// cluster, rollout timeout, helm failure); 2 bad input (flags, no kubeconfig, unknown context, not a deployment repo,
/// values the chart rejects, no helm).
/// </summary>
internal sealed class InstallCommand(CliConsoles consoles, CliEnvironment environment, InstallerDefaults defaults, InstallRepo install)
    : AsyncCommand<InstallCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DIR>")]
        [Description("The deployment repo to install: the folder holding helm/Chart.yaml (and .kafka-templates.yaml).")]
        public string Directory { get; init; } = "";

        [CommandOption("-n|--namespace <NAMESPACE>")]
        [Description("Namespace to install into. Default: the repo's recorded namespace answer, else its name.")]
        public string? Namespace { get; init; }

        [CommandOption("--kubeconfig <FILE>")]
        [Description("Kubeconfig file. Default: $KUBECONFIG, then ~/.kube/config, then the in-cluster service account.")]
        public string? Kubeconfig { get; init; }

        [CommandOption("--context <CONTEXT>")]
        [Description("Kubeconfig context to use. Default: the kubeconfig's current-context.")]
        public string? Context { get; init; }

        [CommandOption("--release <NAME>")]
        [Description("Release name; object names and the inventory derive from it. Default: the repo's name answer, else the folder name.")]
        public string? Release { get; init; }

        [CommandOption("-f|--values <FILE>")]
        [Description("Extra Helm values file, on top of helm/values.yaml. Repeat for more; later files win.")]
        public string[] Values { get; init; } = [];

        [CommandOption("--dry-run [MODE]")]
        [Description("Show the plan and change nothing. client (the default): no cluster needed; with one, each object shows as created, changed or unchanged. server: the API server validates every write with dryRun=All.")]
        public FlagValue<string> DryRun { get; init; } = new();

        [CommandOption("--wait")]
        [Description("Wait until every StatefulSet is ready and updated. On timeout, print pod states and recent events and exit 1.")]
        public bool Wait { get; init; }

        [CommandOption("--timeout <DURATION>")]
        [Description("How long --wait waits, e.g. 90s, 10m, 1h.")]
        [DefaultValue("10m")]
        public string Timeout { get; init; } = "10m";

        [CommandOption("--request-timeout <DURATION>")]
        [Description("How long to wait for each answer of the API server before trying again (6 tries), e.g. 30s or 2m. Default: 30s.")]
        public string? RequestTimeout { get; init; }

        [CommandOption("--mode <MODE>")]
        [Description("apply: server-side apply by kafka-templates, with an inventory for pruning. helm: delegate to `helm upgrade --install`.")]
        [DefaultValue("apply")]
        public string Mode { get; init; } = "apply";

        [CommandOption("--helm <PATH>")]
        [Description("The helm binary used to render (and, in helm mode, to install). Default: helm on PATH.")]
        public string? Helm { get; init; }

        [CommandOption("--create-namespace")]
        [Description("Create the namespace when it does not exist, labelled as managed by kafka-templates (Pod Security: restricted).")]
        public bool CreateNamespace { get; init; }

        public override ValidationResult Validate()
        {
            if (Mode is not ("apply" or "helm")) return ValidationResult.Error($"--mode must be apply or helm, not '{Mode}'");
            if (DryRun.IsSet && DryRun.Value is not (null or "client" or "server")) return ValidationResult.Error($"--dry-run must be client or server, not '{DryRun.Value}'");
            if (!DurationParser.TryParse(Timeout, out _)) return ValidationResult.Error($"--timeout '{Timeout}' is not a duration: write e.g. 90s, 10m or 1h");
            if (RequestTimeout is not null && (!DurationParser.TryParse(RequestTimeout, out var request) || request <= TimeSpan.Zero))
                return ValidationResult.Error($"--request-timeout '{RequestTimeout}' is not a positive duration: write e.g. 30s or 2m");
            if (Namespace is not null && !ReleaseIdentity.IsNamespace(Namespace)) return ValidationResult.Error($"--namespace '{Namespace}' is not a valid namespace name (lower-case letters, digits and '-', at most 63)");
            if (Release is not null && !ReleaseIdentity.IsReleaseName(Release)) return ValidationResult.Error($"--release '{Release}' is not a valid release name (lower-case letters, digits and '-', at most {ReleaseIdentity.MaxReleaseLength})");
            return ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (!DurationParser.TryParse(settings.Timeout, out var timeout)) throw new UsageException($"--timeout '{settings.Timeout}' is not a duration");
        var repoPath = environment.ResolvePath(settings.Directory);
        consoles.RecoverFolder(repoPath);
        var options = new InstallOptions
        {
            RepoPath = repoPath,
            Namespace = settings.Namespace,
            Release = settings.Release,
            ValuesFiles = settings.Values.Select(environment.ResolvePath).ToList(),
            DryRun = !settings.DryRun.IsSet ? DryRunMode.None : settings.DryRun.Value == "server" ? DryRunMode.Server : DryRunMode.Client,
            Mode = settings.Mode == "helm" ? InstallMode.Helm : InstallMode.Apply,
            Wait = settings.Wait,
            Timeout = timeout,
            CreateNamespace = settings.CreateNamespace,
            HelmPath = settings.Helm is null ? null : environment.ResolvePath(settings.Helm),
            Connection = new ConnectionOptions
            {
                KubeconfigPath = settings.Kubeconfig is null ? null : environment.ResolvePath(settings.Kubeconfig),
                Context = settings.Context,
                Variables = environment.Variables,
            },
            Retry = settings.RequestTimeout is { } requestTimeout && DurationParser.TryParse(requestTimeout, out var perAnswer)
                ? defaults.Retry with { AttemptTimeout = perAnswer }
                : defaults.Retry,
        };

        InstallResult result;
        try
        {
            result = await install.RunAsync(options, new InstallOutput.Observer(consoles, environment), cancellationToken);
        }
        catch (Exception e) when (e is InstallInputException or ClusterUnreachableException or KubeApiException or InvalidDataException)
        {
            return InstallOutput.Failure(consoles, e);
        }
        return InstallOutput.Print(consoles, environment, result, options);
    }
}
