using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Image;

namespace KafkaTemplates.Validation.Rules.Ci;

/// <summary>
/// KT7001, KT7002, KT7004 for GitLab CI: .gitlab-ci.yml parses, every job has a script (or trigger, or extends), and
/// every image and service names a version. Images given through $VARIABLES are resolved from the variables blocks,
/// and a finding then points at the variable, where the version is written.
/// </summary>
internal sealed partial class GitLabCiRule : IRepoRule
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "default", "include", "stages", "variables", "workflow", "image", "services", "cache", "before_script", "after_script", "spec",
    };

    public void Check(ValidationContext context)
    {
        if (CiYaml.Read(context, RepoLayout.GitLabCi) is not { } document) return;
        if (document.Root is not JsonObject root)
        {
            context.Report(DiagnosticCatalog.CiFileStructure, document.MarkOf(document.Root), $"{RepoLayout.GitLabCi} must be a mapping of jobs");
            return;
        }
        var globals = root["variables"] as JsonObject;
        CheckImages(context, document, root, globals, null, "the default image");
        if (root["default"] is JsonObject defaults) CheckImages(context, document, defaults, globals, null, "the default image");

        foreach (var (name, value) in root)
        {
            if (Keywords.Contains(name)) continue;
            var hidden = name.StartsWith('.');
            if (value is not JsonObject job)
            {
                if (!hidden)
                    context.Report(DiagnosticCatalog.CiFileStructure, document.KeyMarkOf(root, name), $"job '{name}' must be a mapping with a script");
                continue;
            }
            if (!hidden && !job.ContainsKey("script") && !job.ContainsKey("trigger") && !job.ContainsKey("extends"))
                context.Report(DiagnosticCatalog.CiFileStructure, document.KeyMarkOf(root, name), $"job '{name}' has no script; add the commands it runs");
            CheckImages(context, document, job, globals, job["variables"] as JsonObject, $"job '{name}'");
        }
    }

    private static void CheckImages(ValidationContext context, YamlDocument document, JsonObject owner, JsonObject? globals,
        JsonObject? locals, string what)
    {
        CheckImage(context, document, owner["image"] is JsonObject o ? o["name"] : owner["image"], globals, locals, what);
        if (owner["services"] is JsonArray services)
            foreach (var service in services)
                CheckImage(context, document, service is JsonObject s ? s["name"] : service, globals, locals, $"a service of {what}");
    }

    private static void CheckImage(ValidationContext context, YamlDocument document, JsonNode? node, JsonObject? globals,
        JsonObject? locals, string what)
    {
        if (CiYaml.Text(node) is not { } written) return;
        var mark = document.MarkOf(node);
        var image = written;
        // An image held in a variable is fixed where the variable is set.
        if (Variable().Match(written) is { Success: true } v && v.Value == written)
        {
            var name = v.Groups["name"].Value;
            var holder = locals?.ContainsKey(name) == true ? locals : globals?.ContainsKey(name) == true ? globals : null;
            if (holder is null) return;
            var value = holder[name] is JsonObject detailed ? detailed["value"] : holder[name];
            if (CiYaml.Text(value) is not { } resolved) return;
            image = resolved;
            mark = document.MarkOf(value);
            what = $"variable {name}";
        }
        if (image.Contains('$', StringComparison.Ordinal)) return;
        var reference = ImageReference.Parse(image);
        if (reference.IsLatest)
            context.Report(DiagnosticCatalog.CiImageFloating, mark,
                $"{what} uses {image}, {(reference.Tag is null ? "which has no tag and means latest" : "the latest tag")}; name a version tag or a digest");
    }

    [GeneratedRegex(@"^\$\{?(?<name>[A-Za-z_][A-Za-z0-9_]*)\}?$")]
    private static partial Regex Variable();
}
