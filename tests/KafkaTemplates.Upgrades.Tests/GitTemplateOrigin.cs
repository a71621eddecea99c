using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// A real local git repository that publishes template versions as tags, as a template team's repo does, read over
/// file:// by the product's own git runs. Each tag is one commit whose tree is exactly what the test put there.
/// </summary>
public sealed class GitTemplateOrigin : IDisposable
{
    private readonly TempFolder _temp = new("git-origin");

    public string Folder => _temp.Combine("origin");

    public string Url => "file://" + Folder;

    /// <summary>A scratch folder beside the origin, deleted with it (the tool's cache, a repo, a copy).</summary>
    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>Scenario 11's template at 1.0.0 (v1) or 1.1.0 (v2), optionally declaring another version.</summary>
    public static string Scenario(string side) => Path.Combine(UpgradeScenario.ScenariosRoot, "11-migration", side);

    public static async Task<GitTemplateOrigin> CreateAsync()
    {
        var origin = new GitTemplateOrigin();
        await TestGit.RunAsync(origin.Folder, "init", "--quiet", "--initial-branch=main");
        return origin;
    }

    /// <summary>
    /// Commits a tree holding <paramref name="template"/> (a template folder) at <paramref name="under"/> ("" for the
    /// root), declaring <paramref name="version"/> when given, and tags that commit with each of <paramref name="tags"/>.
    /// </summary>
    public async Task PublishAsync(string? template, string under, string? version, params string[] tags)
    {
        foreach (var entry in Directory.EnumerateFileSystemEntries(Folder).Where(e => Path.GetFileName(e) != ".git"))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, true);
            else File.Delete(entry);
        }
        File.WriteAllText(Path.Combine(Folder, "README.md"), $"templates, tagged {string.Join(", ", tags)}\n");
        if (template is not null)
        {
            var into = Path.Combine(Folder, under);
            UpgradeScenario.CopyTree(template, into);
            if (version is not null) SetVersion(into, version);
        }
        await TestGit.RunAsync(Folder, "add", "--all");
        await TestGit.RunAsync(Folder, "commit", "--quiet", "--allow-empty", "-m", $"publish {string.Join(", ", tags)}");
        foreach (var tag in tags) await TestGit.RunAsync(Folder, "tag", tag);
    }

    /// <summary>Rewrites the version a template folder declares.</summary>
    public static void SetVersion(string templateFolder, string version)
    {
        var file = Path.Combine(templateFolder, TemplateLoader.FileName);
        var lines = File.ReadAllLines(file).Select(l => l.TrimStart().StartsWith("kafka-templates.dev/version:", StringComparison.Ordinal)
            ? "    kafka-templates.dev/version: " + version : l);
        File.WriteAllLines(file, lines);
    }

    /// <summary>Renames the template a folder declares (another team's template in the same repo).</summary>
    public static void SetName(string templateFolder, string name)
    {
        var file = Path.Combine(templateFolder, TemplateLoader.FileName);
        File.WriteAllText(file, File.ReadAllText(file).Replace("name: service-config", "name: " + name, StringComparison.Ordinal));
    }

    public void Dispose() => _temp.Dispose();
}
