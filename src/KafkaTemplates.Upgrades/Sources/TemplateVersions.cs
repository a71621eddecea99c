using KafkaTemplates.Engine.FileSets;
using System.Security.Cryptography;
using System.Text;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Upgrades.Sources;

/// <summary>
/// Finds a template at a version: in the templates the tool ships (and the released versions kept in the tree beside
/// them, <c>&lt;releasedRoot&gt;/&lt;id&gt;/&lt;version&gt;/</c>), in a folder, or in a git repository at a tag. Git tags are
/// cloned once into a cache.
/// </summary>
public sealed class TemplateVersions(TemplateLoader loader, string builtinRoot, string? releasedRoot = null, string? cacheRoot = null)
{
    private readonly string _cache = cacheRoot ?? Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
        "kafka-templates", "git");

    /// <summary>Loads <paramref name="templateId"/> from the source at the version; null version means the newest.</summary>
    public TemplateDefinition Load(string templateId, TemplateSource source, SemanticVersion? version, string repoDirectory)
    {
        switch (source.Kind)
        {
            case TemplateSourceKind.Builtin:
                return LoadBuiltin(templateId, version);
            case TemplateSourceKind.Folder:
                var folder = Path.GetFullPath(Path.Combine(repoDirectory, source.Location));
                var template = Find(loader, folder, templateId, source)
                    ?? throw new UpgradeException($"no template '{templateId}' in the folder '{source.Location}' (resolved from the repo to {folder})");
                if (version is not null && template.Version != version)
                    throw new UpgradeException($"the folder '{source.Location}' holds {templateId} {template.Version}, not {version}; point {Setting.To} or {Setting.From} at a folder or git tag with that version");
                return template;
            case TemplateSourceKind.Git:
                var tag = version is null ? source.Reference! : TagFor(source, templateId, version);
                var checkout = Checkout(source.Location, tag);
                var gitSource = TemplateSource.Git(source.Location, tag);
                var fromGit = Find(loader, checkout, templateId, gitSource)
                    ?? throw new UpgradeException($"no template '{templateId}' in {source.Location} at {tag}");
                return fromGit;
            default:
                throw new UpgradeException($"unknown template source {source}");
        }
    }

    /// <summary>The versions a source offers, newest last.</summary>
    public IReadOnlyList<SemanticVersion> Available(string templateId, TemplateSource source, string repoDirectory)
    {
        switch (source.Kind)
        {
            case TemplateSourceKind.Builtin:
                var versions = new List<SemanticVersion>();
                if (Find(loader, Path.Combine(builtinRoot, templateId), templateId, source) is { } shipped) versions.Add(shipped.Version);
                if (releasedRoot is not null && Directory.Exists(Path.Combine(releasedRoot, templateId)))
                    foreach (var dir in Directory.EnumerateDirectories(Path.Combine(releasedRoot, templateId)))
                        if (SemanticVersion.TryParse(Path.GetFileName(dir), out var v)) versions.Add(v);
                return versions.Distinct().Order().ToList();
            case TemplateSourceKind.Folder:
                return [Load(templateId, source, null, repoDirectory).Version];
            default:
                return Tags(source.Location, templateId).Select(t => t.Version).Distinct().Order().ToList();
        }
    }

    public SemanticVersion Newest(string templateId, TemplateSource source, string repoDirectory)
    {
        var versions = Available(templateId, source, repoDirectory);
        return versions.Count > 0 ? versions[^1] : throw new UpgradeException($"{source} offers no version of {templateId}");
    }

    private TemplateDefinition LoadBuiltin(string templateId, SemanticVersion? version)
    {
        var shipped = Find(loader, Path.Combine(builtinRoot, templateId), templateId, TemplateSource.Builtin);
        if (shipped is not null && (version is null || shipped.Version == version)) return shipped;
        if (version is not null && releasedRoot is not null)
        {
            var old = Path.Combine(releasedRoot, templateId, version.ToString());
            if (Find(loader, old, templateId, TemplateSource.Builtin) is { } kept)
                return kept.Version == version ? kept
                    : throw new UpgradeException($"the released {templateId} {version} of this kafka-templates declares version {kept.Version}; the build is broken, use another release of the tool");
        }
        throw new UpgradeException(shipped is null
            ? $"this kafka-templates ships no template '{templateId}'"
            : $"this kafka-templates ships {templateId} {shipped.Version}, not {version}. Give the repo's version with {Setting.From} <folder|git+URL@tag>, or use the kafka-templates release that shipped {version}");
    }

    private static TemplateDefinition? Find(TemplateLoader loader, string folder, string templateId, TemplateSource source)
    {
        foreach (var candidate in new[] { folder, Path.Combine(folder, "templates", templateId), Path.Combine(folder, templateId) })
        {
            var file = Path.Combine(candidate, TemplateLoader.FileName);
            if (!File.Exists(file)) continue;
            // A git tag or folder is untrusted: a link on the way could lead to any template (or file) of the machine.
            if (FileKinds.FirstLinkBelow(folder, file) is { } link)
                throw new UpgradeException($"{source}: '{Path.GetRelativePath(folder, link)}' is a symbolic link; a template source may hold only files and folders");
            var template = loader.Load(file, source);
            if (template.Id == templateId) return template;
        }
        return null;
    }

    /// <summary>
    /// Tags that name a SemVer version: v1.2.0, 1.2.0 or &lt;template&gt;/v1.2.0 (another template's tags are not this
    /// one's versions). The remote is untrusted: a tag name git could misread is ignored.
    /// </summary>
    private static List<(string Tag, SemanticVersion Version)> Tags(string url, string templateId)
    {
        var (code, output, error) = GitRunner.Run(null, GitRunner.NetworkTimeout, "ls-remote", "--tags", "--refs", "--", url);
        if (code != 0) throw new UpgradeException($"cannot list the tags of {url}: {error.Trim()}");
        var tags = new List<(string, SemanticVersion)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var start = line.IndexOf("refs/tags/", StringComparison.Ordinal);
            // Stryker disable once Equality,Statement : ls-remote --tags --refs prints only "<hash>\trefs/tags/<name>" lines
            if (start < 0) continue;
            var tag = line[(start + "refs/tags/".Length)..].Trim();
            if (GitSourceRules.ProblemWithTag(tag) is not null) continue;
            var slash = tag.LastIndexOf('/');
            // Stryker disable once Equality : a tag never starts with '/' (ProblemWithTag above), so slash is never 0
            if (slash >= 0 && tag[..slash] != templateId) continue;
            if (SemanticVersion.TryParse(tag[(slash + 1)..], out var v)) tags.Add((tag, v));
        }
        return tags;
    }

    /// <summary>The tag of a version: &lt;template&gt;/v1.2.0 first (the form releases use), then v1.2.0, then 1.2.0.</summary>
    private static string TagFor(TemplateSource source, string templateId, SemanticVersion version)
    {
        var match = Tags(source.Location, templateId).Where(t => t.Version == version).Select(t => t.Tag)
            .OrderBy(t => t.StartsWith(templateId + "/", StringComparison.Ordinal) ? 0 : t.StartsWith('v') ? 1 : 2)
            .FirstOrDefault();
        return match ?? throw new UpgradeException($"{source.Location} has no tag for version {version} (looked for {templateId}/v{version}, v{version} and {version})");
    }

    /// <summary>A local copy of a git source at its tag, from the cache when it was fetched before.</summary>
    public string Fetch(TemplateSource gitSource) =>
        gitSource.Kind == TemplateSourceKind.Git ? Checkout(gitSource.Location, gitSource.Reference!) : throw new ArgumentException("not a git source", nameof(gitSource));

    private string Checkout(string url, string tag)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url + "\n" + tag)))[..24];
        var folder = Path.Combine(_cache, key);
        // Stryker disable once String : a clone is moved in whole, so the folder and its .git exist together; either test finds it
        if (Directory.Exists(Path.Combine(folder, ".git"))) return folder;
        Directory.CreateDirectory(_cache);
        // Stryker disable once String : the staging name is never seen, only its being unique beside the folder and then moved or deleted
        var staging = folder + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        if (GitSourceRules.ProblemWithUrl(url) is { } urlProblem) throw new UpgradeException($"cannot fetch '{url}': {urlProblem}");
        if (GitSourceRules.ProblemWithTag(tag) is { } tagProblem) throw new UpgradeException($"cannot fetch {url} at '{tag}': {tagProblem}");
        var (code, _, error) = GitRunner.Run(null, GitRunner.NetworkTimeout,
            "clone", "--quiet", "--depth", "1", "--no-recurse-submodules", "--template=", $"--branch={tag}", "--", url, staging);
        if (code != 0)
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, true);
            throw new UpgradeException($"cannot fetch {url} at {tag}: {error.Trim()}");
        }
        try
        {
            Directory.Move(staging, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            // Another process cloned the same tag first; tags do not move, so its copy is as good.
            Directory.Delete(staging, true);
        }
        return folder;
    }
}
