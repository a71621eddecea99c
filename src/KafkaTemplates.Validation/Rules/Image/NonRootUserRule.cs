using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>KT6003: the final stage switches to a non-root user.</summary>
internal sealed class NonRootUserRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Files.ReadText(RepoLayout.Dockerfile) is not { } text) return;
        var dockerfile = Dockerfile.Parse(text);
        if (dockerfile.Stages.Count == 0) return;
        var final = dockerfile.Stages[^1];
        var user = LastUser(dockerfile, final, depth: 0);
        if (user is null)
        {
            context.Report(DiagnosticCatalog.ImageRunsAsRoot, new SourceMark(RepoLayout.Dockerfile, final.From.Line, 1),
                "the final stage sets no USER, so the image runs as root; add `USER 1000:1000` (a numeric non-root user) after the last RUN");
            return;
        }
        var name = user.Arguments.Split(':')[0].Trim();
        if (name is "root" or "0")
            context.Report(DiagnosticCatalog.ImageRunsAsRoot, new SourceMark(RepoLayout.Dockerfile, user.Line, 1),
                $"the image runs as {user.Arguments}; switch to a numeric non-root user such as 1000:1000");
    }

    /// <summary>The stage's last USER, or the one of the stage it builds on.</summary>
    private static DockerInstruction? LastUser(Dockerfile dockerfile, DockerStage stage, int depth)
    {
        var own = stage.Instructions.LastOrDefault(i => i.Is("USER"));
        if (own is not null || depth > dockerfile.Stages.Count) return own;
        var parent = dockerfile.Stages.FirstOrDefault(s => s != stage && string.Equals(s.Alias, stage.Image, StringComparison.OrdinalIgnoreCase));
        return parent is null ? null : LastUser(dockerfile, parent, depth + 1);
    }
}
