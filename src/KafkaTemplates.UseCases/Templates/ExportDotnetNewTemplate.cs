using KafkaTemplates.Engine.Export.DotnetNew;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.UseCases.Templates;

/// <summary>
/// Exports a template to dotnet new's files (.template.config/ under the root that holds templates/), so dotnet new
/// offers the same parameters and renders the same bytes; or only says which files on disk differ from a fresh export.
/// </summary>
public sealed class ExportDotnetNewTemplate(UseCaseContext context)
{
    /// <param name="root">The folder that holds .template.config and templates/, as an absolute path.</param>
    /// <param name="template">A template id (a folder under <paramref name="root"/>/templates), or the path of a template.yaml.</param>
    /// <param name="templatePath">The same, resolved to an absolute path by the front door.</param>
    /// <param name="write">Write the files (those that differ change); false: only compare.</param>
    /// <exception cref="TemplateNotFoundException">No such template.</exception>
    /// <exception cref="ExportException">The template uses something dotnet new cannot express.</exception>
    public ExportDotnetNewResult Run(string root, string template, string templatePath, bool write)
    {
        var definition = Load(root, template, templatePath);
        var files = DotnetNewExporter.Export(definition, DotnetNewExportOptions.ForKafkaTemplates(definition, root));
        var stale = files.Where(f => !File.Exists(Path.Combine(root, f.Path)) || !File.ReadAllBytes(Path.Combine(root, f.Path)).AsSpan().SequenceEqual(f.Content.Span)).ToList();
        if (write)
        {
            foreach (var f in files)
            {
                var path = Path.Combine(root, f.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, f.Content.ToArray());
            }
        }
        return new ExportDotnetNewResult(definition.Id, [.. files], stale);
    }

    private TemplateDefinition Load(string root, string template, string templatePath)
    {
        var inRepo = Path.Combine(root, "templates", template, TemplateLoader.FileName);
        var path = File.Exists(inRepo) ? inRepo : templatePath;
        if (!File.Exists(path) && !File.Exists(Path.Combine(path, TemplateLoader.FileName)))
            throw new TemplateNotFoundException($"no template '{template}' under {Path.Combine(root, "templates")}; give a template id there or the path of a template.yaml");
        // The process's one engine, with its actions: the loader checks every step's action.
        return context.Engine.Loader.Load(path, TemplateSource.Builtin);
    }
}

/// <summary>The exported files, and those of them that differ from the files on disk (before writing).</summary>
public sealed record ExportDotnetNewResult(string TemplateId, IReadOnlyList<GeneratedFile> Files, IReadOnlyList<GeneratedFile> Stale);
