using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.UseCases.Templates;

/// <summary>
/// Finds templates for every command that names one: the shipped catalog, a folder of templates, or a git repository
/// at a tag; a template by its id in that catalog, or by the path of its folder or template.yaml.
/// </summary>
public sealed class TemplateFinder(UseCaseContext context)
{
    /// <param name="templates">Null: the shipped templates. Else an absolute folder, or git+URL@tag.</param>
    /// <exception cref="TemplateNotFoundException">The folder or git source does not give a catalog.</exception>
    public TemplateCatalog Catalog(string? templates)
    {
        if (templates is null) return context.Engine.Catalog();
        if (templates.StartsWith("git+", StringComparison.Ordinal))
        {
            TemplateSource source;
            try { source = TemplateSource.Parse(templates); }
            catch (FormatException e) { throw new TemplateNotFoundException($"{Setting.Templates}: {e.Message}"); }
            var checkout = context.Versions.Fetch(source);
            var gitRoot = Directory.Exists(Path.Combine(checkout, "templates")) ? Path.Combine(checkout, "templates") : checkout;
            return new TemplateCatalog(gitRoot, context.Engine.Loader, source);
        }
        if (!Directory.Exists(templates)) throw new TemplateNotFoundException($"{Setting.Templates}: the folder '{templates}' does not exist");
        return context.Engine.Catalog(templates);
    }

    /// <summary>A template by id, or by path when <paramref name="nameOrPath"/> looks like one.</summary>
    /// <param name="nameOrPath">As the user wrote it.</param>
    /// <param name="path">The same, resolved to an absolute path by the front door.</param>
    /// <param name="templates">See <see cref="Catalog"/>.</param>
    public TemplateDefinition Find(string nameOrPath, string path, string? templates)
    {
        var looksLikePath = nameOrPath.Contains('/') || nameOrPath.Contains('\\') || nameOrPath.EndsWith(".yaml", StringComparison.Ordinal) || nameOrPath is "." or "..";
        if (!looksLikePath) return Catalog(templates).Resolve(nameOrPath);
        if (!File.Exists(path) && !File.Exists(Path.Combine(path, TemplateLoader.FileName)))
            throw new TemplateNotFoundException($"no template at '{nameOrPath}': expected a {TemplateLoader.FileName} there");
        return Catalog(templates).Resolve(path);
    }

    /// <summary>The ids a repo's answers file may name: the shipped templates, and those of <paramref name="templates"/>.</summary>
    public IReadOnlyCollection<string>? KnownIds(string? templates) =>
        templates is null
            ? null
            : [.. Catalog(null).List().Concat(Catalog(templates).List())
                .Where(e => e.Template is not null).Select(e => e.Template!.Id).Distinct(StringComparer.Ordinal)];
}

/// <summary>A template, a folder of templates or a template source that is not there.</summary>
public sealed class TemplateNotFoundException(string message) : Exception(message);
