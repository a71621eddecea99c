namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>The exit codes every command keeps to, as scripts and CI rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and found problems: validation errors, an outdated repo, conflicts left by an upgrade.</summary>
    public const int Problems = 1;

    /// <summary>Bad input: unknown template, invalid parameter, unreadable file, bad flags. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>A fault in the tool itself (EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
