using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>Finds the template a command names: by id in the shipped or --templates catalog, or by path.</summary>
public sealed class TemplateLocator(EngineServices engine, CliEnvironment environment, UpgradeServices upgrades)
{
    /// <summary>The shipped templates, a --templates folder, or a git repository at a tag (--templates git+URL@tag).</summary>
    public TemplateCatalog Catalog(string? templatesFolder)
    {
        if (templatesFolder is null) return engine.Catalog();
        if (templatesFolder.StartsWith("git+", StringComparison.Ordinal))
        {
            TemplateSource source;
            try { source = TemplateSource.Parse(templatesFolder); }
            catch (FormatException e) { throw new UsageException("--templates: " + e.Message); }
            var checkout = upgrades.Versions.Fetch(source);
            var gitRoot = Directory.Exists(Path.Combine(checkout, "templates")) ? Path.Combine(checkout, "templates") : checkout;
            return new TemplateCatalog(gitRoot, engine.Loader, source);
        }
        var root = environment.ResolvePath(templatesFolder);
        if (!Directory.Exists(root)) throw new UsageException($"--templates: the folder '{templatesFolder}' does not exist");
        return engine.Catalog(root);
    }

    public TemplateDefinition Resolve(string nameOrPath, string? templatesFolder)
    {
        var looksLikePath = nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) || nameOrPath is "." or "..";
        var path = environment.ResolvePath(nameOrPath);
        if (looksLikePath)
        {
            if (!File.Exists(path) && !File.Exists(Path.Combine(path, TemplateLoader.FileName)))
                throw new UsageException($"no template at '{nameOrPath}': expected a template.yaml there");
            return Catalog(templatesFolder).Resolve(path);
        }
        return Catalog(templatesFolder).Resolve(nameOrPath);
    }
}
