namespace KafkaTemplates.Installation.Preflight;

/// <summary>Runs every check and gathers their findings into one report; a failing check never hides the next.</summary>
internal static class PreflightRunner
{
    public static async Task<PreflightReport> RunAsync(PreflightContext context, PreflightReport report, CancellationToken cancellationToken)
    {
        KubeVersionCheck.Run(context, report);
        NamespaceCheck.Run(context, report);
        CrdCheck.Run(context, report);
        OwnershipCheck.Run(context, report);
        await StorageClassCheck.RunAsync(context, report, cancellationToken);
        await TlsPrerequisitesCheck.RunAsync(context, report, cancellationToken);
        await AccessCheck.RunAsync(context, report, cancellationToken);
        return report;
    }
}
