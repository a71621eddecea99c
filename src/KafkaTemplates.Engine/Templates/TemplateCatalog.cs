namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// The templates in a folder laid out as <c>&lt;root&gt;/&lt;id&gt;/template.yaml</c>: the ones shipped in the tool, or a
/// <c>--templates</c> folder. A template that fails to load is listed with its problems rather than hidden.
/// </summary>
public sealed class TemplateCatalog(string root, TemplateLoader loader, TemplateSource? source = null)
{
    /// <summary>The templates packed next to the tool (the repository's templates folder at build time).</summary>
    public static string BuiltinRoot => Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>
    /// Every released version of the shipped templates, as <c>&lt;id&gt;/&lt;version&gt;/</c> below this folder: kept in the
    /// tree (templates/released), not in git tags, so every clone and source archive can render them.
    /// </summary>
    public static string ReleasedRoot => Path.Combine(BuiltinRoot, ReleasedFolder);

    /// <summary>The folder of the templates folder that holds released versions; it is no template itself.</summary>
    public const string ReleasedFolder = "released";

    public string Root { get; } = root;

    public IReadOnlyList<CatalogEntry> List()
    {
        if (!Directory.Exists(Root)) return [];
        var entries = new List<CatalogEntry>();
        foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var file = Path.Combine(folder, TemplateLoader.FileName);
            if (!File.Exists(file)) continue;
            try
            {
                // A linked folder could be any folder of the machine; templates are read only where they are.
                if (new DirectoryInfo(folder).LinkTarget is { } target)
                    throw new TemplateLoadException([new TemplateProblem(new Yaml.SourceMark(Path.GetFileName(folder), 1, 1),
                        $"the template folder is a symbolic link (to {target}); a templates folder may hold only folders, so put the template itself there")]);
                entries.Add(new CatalogEntry(Path.GetFileName(folder), loader.Load(file, SourceFor(folder)), null));
            }
            catch (TemplateLoadException e)
            {
                entries.Add(new CatalogEntry(Path.GetFileName(folder), null, e));
            }
        }
        return entries;
    }

    private TemplateSource SourceFor(string folder) => source ?? TemplateSource.Folder(folder);

    /// <summary>
    /// Finds a template by its id (metadata.name) or folder name in this catalog, or by a path to a folder or a
    /// template.yaml.
    /// </summary>
    public TemplateDefinition Resolve(string nameOrPath)
    {
        if (File.Exists(nameOrPath) || File.Exists(Path.Combine(nameOrPath, TemplateLoader.FileName)))
        {
            var folder = File.Exists(nameOrPath) ? Path.GetDirectoryName(Path.GetFullPath(nameOrPath))! : Path.GetFullPath(nameOrPath);
            return loader.Load(nameOrPath, TemplateSource.Folder(folder));
        }
        var byFolder = Path.Combine(Root, nameOrPath, TemplateLoader.FileName);
        if (!nameOrPath.Contains('/') && !nameOrPath.Contains('\\') && nameOrPath is not ("." or "..") && File.Exists(byFolder))
            return loader.Load(byFolder, SourceFor(Path.GetDirectoryName(byFolder)!));
        var entries = List();
        var match = entries.FirstOrDefault(e => e.Template?.Id == nameOrPath);
        if (match?.Template is not null) return match.Template;
        throw new UnknownTemplateException(nameOrPath, entries.Select(e => e.Template?.Id ?? e.Folder));
    }
}

/// <summary>One template of a catalog: loaded, or with the problems that stop it loading.</summary>
public sealed record CatalogEntry(string Folder, TemplateDefinition? Template, TemplateLoadException? Error);
