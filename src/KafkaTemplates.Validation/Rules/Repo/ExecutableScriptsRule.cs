using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Repo;

/// <summary>KT1005: the shell scripts the image copies keep their executable bit.</summary>
internal sealed class ExecutableScriptsRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        // Windows file systems have no executable bit to check; git keeps it in the index there.
        if (OperatingSystem.IsWindows()) return;
        foreach (var script in context.Files.List(RepoLayout.DockerFolder, "*.sh"))
        {
            if (context.Files.Mode(script) == RepoFileMode.Executable) continue;
            context.Report(DiagnosticCatalog.ScriptNotExecutable, new SourceMark(script, 1, 1),
                $"{script} is not executable, and the image runs it as is; run `chmod +x {script}` and commit the mode");
        }
    }
}
