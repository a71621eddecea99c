using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Rules.Ci;

/// <summary>
/// KT7001-KT7004 for GitHub Actions: every workflow parses and has on, jobs, runs-on and steps; every action is
/// pinned to a commit SHA or a version tag; job containers, services and docker:// actions name a version.
/// </summary>
internal sealed class GitHubWorkflowRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        var files = context.Files.List(RepoLayout.GitHubWorkflowsFolder, "*.yml").Concat(context.Files.List(RepoLayout.GitHubWorkflowsFolder, "*.yaml"));
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            if (CiYaml.Read(context, file) is { } document) Check(context, file, document);
        }
    }

    private static void Check(ValidationContext context, string file, YamlDocument document)
    {
        if (document.Root is not JsonObject root)
        {
            context.Report(DiagnosticCatalog.CiFileStructure, document.MarkOf(document.Root), $"{file} must be a mapping with `on` and `jobs`");
            return;
        }
        if (!root.ContainsKey("on"))
            context.Report(DiagnosticCatalog.CiFileStructure, document.MarkOf(root), $"{file} has no `on`: say which events run the workflow");
        if (root["jobs"] is not JsonObject jobs || jobs.Count == 0)
        {
            context.Report(DiagnosticCatalog.CiFileStructure, root.ContainsKey("jobs") ? document.KeyMarkOf(root, "jobs") : document.MarkOf(root),
                $"{file} has no jobs; add at least one under `jobs`");
            return;
        }
        foreach (var (id, value) in jobs)
        {
            var jobMark = document.KeyMarkOf(jobs, id);
            if (value is not JsonObject job)
            {
                context.Report(DiagnosticCatalog.CiFileStructure, jobMark, $"job '{id}' must be a mapping with runs-on and steps");
                continue;
            }
            if (CiYaml.Text(job["uses"]) is { } reusable)
            {
                CheckUses(context, document, job["uses"]!, reusable);
                continue;
            }
            if (!job.ContainsKey("runs-on"))
                context.Report(DiagnosticCatalog.CiFileStructure, jobMark, $"job '{id}' has no runs-on; name the runner, such as ubuntu-24.04");
            CheckImage(context, document, Image(job["container"]), $"the container of job '{id}'");
            if (job["services"] is JsonObject services)
                foreach (var (name, service) in services) CheckImage(context, document, Image(service), $"service '{name}' of job '{id}'");
            if (job["steps"] is not JsonArray steps || steps.Count == 0)
            {
                context.Report(DiagnosticCatalog.CiFileStructure, job.ContainsKey("steps") ? document.KeyMarkOf(job, "steps") : jobMark,
                    $"job '{id}' has no steps");
                continue;
            }
            foreach (var step in steps)
            {
                if (step is not JsonObject s || s.ContainsKey("uses") == s.ContainsKey("run"))
                {
                    context.Report(DiagnosticCatalog.CiFileStructure, document.MarkOf(step),
                        $"a step of job '{id}' must have exactly one of `uses` and `run`");
                    continue;
                }
                if (CiYaml.Text(s["uses"]) is { } uses) CheckUses(context, document, s["uses"]!, uses);
            }
        }
    }

    private static void CheckUses(ValidationContext context, YamlDocument document, JsonNode node, string text)
    {
        var action = new ActionReference(text);
        if (action.IsLocal) return;
        if (action.IsDocker)
        {
            CheckImage(context, document, node, $"the docker:// action {text}", text["docker://".Length..]);
            return;
        }
        if (action.IsPinned) return;
        context.Report(DiagnosticCatalog.ActionNotPinned, document.MarkOf(node),
            action.Ref is null
                ? $"{text} names no version, so it runs the action's default branch; pin it to a full commit SHA (version in a comment)"
                : action.IsVersionTag
                    ? $"{text} is pinned to the tag '{action.Ref}', which its owner can move to other code; pin it to the tag's full commit SHA, with '# {action.Ref}' as a comment"
                    : $"{text} is pinned to '{action.Ref}', which is a branch or other moving ref; pin it to a full commit SHA (version in a comment)");
    }

    private static JsonNode? Image(JsonNode? container) => container is JsonObject o ? o["image"] : container;

    private static void CheckImage(ValidationContext context, YamlDocument document, JsonNode? node, string what, string? image = null)
    {
        image ??= CiYaml.Text(node);
        if (image is null || image.Contains("${{", StringComparison.Ordinal)) return;
        var reference = ImageReference.Parse(image);
        if (reference.IsLatest)
            context.Report(DiagnosticCatalog.CiImageFloating, document.MarkOf(node),
                $"{what} uses {image}, {(reference.Tag is null ? "which has no tag and means latest" : "the latest tag")}; name a version tag or a digest");
    }
}
