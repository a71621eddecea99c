using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.UseCases;

/// <summary>
/// What every use case runs on, wired once per process: the engine, where template versions come from (the shipped
/// templates and the earlier releases kept in the tree beside them, git tags cloned once into a cache),
/// and where helm and promtool are found.
/// </summary>
public sealed class UseCaseContext
{
    /// <summary>Names the cache folder for git template sources.</summary>
    public const string CacheVariable = "KAFKA_TEMPLATES_CACHE";

    /// <param name="engine">The engine; null: the default one.</param>
    /// <param name="toolSearchPath">PATH-style folders searched for helm and promtool; null: this process's PATH.</param>
    /// <param name="cacheRoot">Where git template sources are cloned; null: the user's local data folder.</param>
    public UseCaseContext(EngineServices? engine = null, string? toolSearchPath = null, string? cacheRoot = null)
    {
        Engine = engine ?? new EngineServices();
        ToolSearchPath = toolSearchPath;
        _cacheRoot = cacheRoot;
        Versions = new TemplateVersions(Engine.Loader, TemplateCatalog.BuiltinRoot,
            TemplateCatalog.ReleasedRoot, cacheRoot is null ? null : Path.Combine(cacheRoot, "git"));
    }

    /// <summary>A context for a process with these environment variables (PATH, <see cref="CacheVariable"/>).</summary>
    public static UseCaseContext For(IReadOnlyDictionary<string, string> variables, EngineServices? engine = null) =>
        new(engine,
            variables.TryGetValue("PATH", out var path) ? path : null,
            variables.TryGetValue(CacheVariable, out var cache) && cache.Length > 0 ? cache : null);

    private readonly string? _cacheRoot;

    /// <summary>
    /// The same context with publishing switched on: publish:* and catalog:register run with these settings instead
    /// of being skipped (the portal, and <c>new --publish</c>).
    /// </summary>
    public UseCaseContext WithPublishing(PublishSettings settings) =>
        new(new EngineServices(PublishingActions.Create(settings)), ToolSearchPath, _cacheRoot);

    public EngineServices Engine { get; }

    public string? ToolSearchPath { get; }

    public TemplateVersions Versions { get; }

    public Upgrader Upgrader => new(Engine, Versions);
}
