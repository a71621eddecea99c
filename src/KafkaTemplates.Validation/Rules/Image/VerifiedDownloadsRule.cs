using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>KT6004: every download is verified in the RUN that fetches it, and ADD of a URL carries --checksum.</summary>
internal sealed partial class VerifiedDownloadsRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Files.ReadText(RepoLayout.Dockerfile) is not { } text) return;
        foreach (var instruction in Dockerfile.Parse(text).Instructions)
        {
            var at = new SourceMark(RepoLayout.Dockerfile, instruction.Line, 1);
            if (instruction.Is("ADD") && Url().IsMatch(instruction.Arguments) && !instruction.Arguments.Contains("--checksum=", StringComparison.Ordinal))
            {
                context.Report(DiagnosticCatalog.DownloadNotVerified, at,
                    "ADD downloads a URL without --checksum; add --checksum=sha256:<digest>, or download with curl and check the file with sha256sum --check");
                continue;
            }
            if (!instruction.Is("RUN") || !Download().IsMatch(instruction.Arguments)) continue;
            if (PipedIntoShell().IsMatch(instruction.Arguments))
                context.Report(DiagnosticCatalog.DownloadNotVerified, at,
                    "this RUN pipes a download straight into a shell, which nothing verifies; save the file, check its digest, then run it");
            else if (!Verification().IsMatch(instruction.Arguments))
                context.Report(DiagnosticCatalog.DownloadNotVerified, at,
                    "this RUN downloads with curl or wget but checks nothing; verify the file in the same RUN with `echo \"<sha512>  file\" | sha512sum --check --strict -` or gpg --verify");
        }
    }

    [GeneratedRegex(@"https?://|\$\{?[A-Z_]*URL")]
    private static partial Regex Url();

    /// <summary>curl or wget where a command starts (not as a package name for apt-get), and not asked for its version.</summary>
    [GeneratedRegex(@"(?:^|&&|\|\||;|\||\(|\$\(|`|\bthen\b|\bdo\b)\s*(?:sudo\s+)?(?:curl|wget)\b(?![^&;|]*--version)")]
    private static partial Regex Download();

    [GeneratedRegex(@"\b(?:curl|wget)\b[^|;&]*\|\s*(?:sudo\s+)?(?:sh|bash|zsh|ash|dash)\b")]
    private static partial Regex PipedIntoShell();

    [GeneratedRegex(@"\bsha(?:256|384|512)sum\b[^;&|]*(?:--check|-c\b)|\bshasum\b[^;&|]*(?:--check|-c\b)|\bgpgv?\b[^;&|]*--verify|\bgpgv\b|\bcosign\s+verify")]
    private static partial Regex Verification();
}
