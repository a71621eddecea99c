using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>KT6001, KT6002, KT6006: the image builds FROM base images pinned to a full version or a digest.</summary>
internal sealed class BaseImageRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.Files.ReadText(RepoLayout.Dockerfile) is not { } text) return;
        var dockerfile = Dockerfile.Parse(text);
        if (dockerfile.Stages.Count == 0)
        {
            context.Report(DiagnosticCatalog.NoFromInstruction, new SourceMark(RepoLayout.Dockerfile, 1, 1),
                "the Dockerfile has no FROM instruction; start it with FROM <base image>:<version>");
            return;
        }
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var stage in dockerfile.Stages)
        {
            var named = stage.Image;
            var buildsOnEarlierStage = aliases.Contains(named);
            if (stage.Alias is { } alias) aliases.Add(alias);
            if (named.Length == 0 || named.Equals("scratch", StringComparison.OrdinalIgnoreCase) || buildsOnEarlierStage) continue;
            var image = ImageReference.Parse(named);
            var at = Where(dockerfile, stage);
            if (image.IsLatest)
                context.Report(DiagnosticCatalog.BaseImageLatest, at,
                    $"the base image {image} {(image.Tag is null ? "has no tag, which means latest" : "uses the latest tag")}; name a full version tag or a digest");
            else if (!image.IsPinned)
                context.Report(DiagnosticCatalog.BaseImageNotPinned, at,
                    $"the base image {image} uses the moving tag '{image.Tag}'; pin a full version (such as 21.0.9_10-jre-noble) or a digest");
        }
    }

    /// <summary>The FROM line, or the ARG line that sets the image when FROM names it through a variable.</summary>
    private static SourceMark Where(Dockerfile dockerfile, DockerStage stage)
    {
        var words = stage.From.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal));
        var variable = words.FirstOrDefault()?.TrimStart('$').Trim('{', '}');
        if (variable is { Length: > 0 } && stage.From.Arguments.Contains('$', StringComparison.Ordinal)
            && dockerfile.ArgDefaultOf(variable.Split(":-")[0]) is { } arg)
            return new SourceMark(RepoLayout.Dockerfile, arg.Line, 1);
        return new SourceMark(RepoLayout.Dockerfile, stage.From.Line, 1);
    }
}
