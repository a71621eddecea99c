using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>
/// KT6005: a RUN whose command pipes one program into another runs under a shell with pipefail, set by SHELL for the
/// stage (a stage built FROM another stage inherits its shell) or by `set -o pipefail` in the command.
/// </summary>
internal sealed partial class PipefailRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Files.ReadText(RepoLayout.Dockerfile) is not { } text) return;
        var dockerfile = Dockerfile.Parse(text);
        var finalShell = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in dockerfile.Stages)
        {
            var pipefail = finalShell.TryGetValue(stage.Image, out var inherited) && inherited;
            foreach (var instruction in stage.Instructions)
            {
                if (instruction.Is("SHELL")) pipefail = instruction.Arguments.Contains("pipefail", StringComparison.Ordinal);
                if (!instruction.Is("RUN") || pipefail) continue;
                var command = instruction.Arguments.TrimStart();
                if (command.StartsWith('[')) continue; // exec form runs no shell
                if (!ShellText.HasPipe(command) || SetPipefail().IsMatch(command)) continue;
                context.Report(DiagnosticCatalog.PipeWithoutPipefail, new SourceMark(RepoLayout.Dockerfile, instruction.Line, 1),
                    "this RUN pipes commands under a shell without pipefail, so a failure before the last | goes unnoticed; add " +
                    "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] earlier in the stage, or start the command with `set -o pipefail &&`");
            }
            if (stage.Alias is { } alias) finalShell[alias] = pipefail;
        }
    }

    [GeneratedRegex(@"^\s*set\s+-[a-z]*o\s+pipefail|\bset\s+-o\s+pipefail\b")]
    private static partial Regex SetPipefail();
}
