using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.UseCases.Templates;

/// <summary>
/// Lints a template for Backstage: every line of its skeletons that Backstage would refuse or render as nothing, and
/// the fix (copyWithoutTemplating or {% raw %}). A template that does not load is reported by its load problems.
/// </summary>
public sealed class TemplateLint(UseCaseContext context, TemplateFinder templates)
{
    /// <exception cref="TemplateLoadException">template.yaml itself has problems.</exception>
    public IReadOnlyList<LintFinding> Run(string nameOrPath, string path, string? templatesFolder) =>
        TemplateLinter.Lint(templates.Find(nameOrPath, path, templatesFolder), context.Engine.Renderer);
}
