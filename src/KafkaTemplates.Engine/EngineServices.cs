using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Engine;

/// <summary>The pipeline's parts, wired once: actions, the renderer, the loader and the step runner.</summary>
public sealed class EngineServices
{
    public EngineServices(ActionRegistry? actions = null, RenderLimits? limits = null)
    {
        Actions = actions ?? ActionRegistry.CreateDefault();
        Renderer = new NunjucksRenderer(limits);
        Loader = new TemplateLoader(Actions);
        Scaffolder = new Scaffolder(Actions, Renderer);
    }

    public ActionRegistry Actions { get; }

    public NunjucksRenderer Renderer { get; }

    public TemplateLoader Loader { get; }

    public Scaffolder Scaffolder { get; }

    public TemplateCatalog Catalog(string? root = null) =>
        root is null
            ? new TemplateCatalog(TemplateCatalog.BuiltinRoot, Loader, TemplateSource.Builtin)
            : new TemplateCatalog(root, Loader);
}
