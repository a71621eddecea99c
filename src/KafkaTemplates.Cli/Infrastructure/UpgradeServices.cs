using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// Where upgrades find template versions: the shipped templates, their kept history (template-history/ beside the
/// tool), and git tags, cloned once into a cache (KAFKA_TEMPLATES_CACHE, or the user's local data folder).
/// </summary>
public sealed class UpgradeServices(EngineServices engine, CliEnvironment environment)
{
    public const string CacheVariable = "KAFKA_TEMPLATES_CACHE";

    public TemplateVersions Versions { get; } = new(engine.Loader, TemplateCatalog.BuiltinRoot,
        Path.Combine(AppContext.BaseDirectory, "template-history"),
        environment.Variables.TryGetValue(CacheVariable, out var cache) && cache.Length > 0 ? Path.Combine(cache, "git") : null);

    public Upgrader Upgrader => new(engine, Versions);
}
