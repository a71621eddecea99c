using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// A scenario folder: two versions of a fixture template (v1, v2) and the team's edits (local/ overlays,
/// local-deleted.txt, local-modes.txt). It is laid out in a temp folder as v1/, v2/ and repo/, so the recorded
/// template source is always "../v1", never a path of the machine.
/// </summary>
public sealed class UpgradeScenario : IDisposable
{
    private readonly TempFolder _temp = new("upgrade");

    public static readonly EngineServices Engine = new();

    private UpgradeScenario(string folder) => Folder = folder;

    public string Folder { get; }

    public string Repo => _temp.Combine("repo");

    public string V2 => _temp.Combine("v2");

    public static string ScenariosRoot => RepoRoot.Combine("tests", "KafkaTemplates.Upgrades.Tests", "Scenarios");

    public static async Task<UpgradeScenario> GenerateAsync(string name)
    {
        var scenario = new UpgradeScenario(Path.Combine(ScenariosRoot, name));
        CopyTree(Path.Combine(scenario.Folder, "v1"), scenario._temp.Combine("v1"));
        CopyTree(Path.Combine(scenario.Folder, "v2"), scenario._temp.Combine("v2"));
        var template = Engine.Loader.Load(scenario._temp.Combine("v1"), TemplateSource.Folder("../v1"));
        var answers = ParameterBinder.Bind(template.Parameters, new AnswerInput());
        var result = await Engine.Scaffolder.RunAsync(template, answers, new ScaffoldOptions(), ScaffoldLog.Null);
        AtomicDirectoryWriter.Write(result.Files, scenario.Repo);
        scenario.ApplyLocalEdits();
        return scenario;
    }

    public Upgrader Upgrader() => new(Engine, new TemplateVersions(Engine.Loader, _temp.Combine("no-builtin-templates")));

    public IReadOnlyList<KeyValuePair<string, string>> Sets()
    {
        var file = Path.Combine(Folder, "set.txt");
        return File.Exists(file)
            ? File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => KeyValuePair.Create(l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..])).ToList()
            : [];
    }

    public FileSet RepoFiles() => FileSet.FromDirectory(Repo, p => !p.StartsWith(".git/", StringComparison.Ordinal));

    private void ApplyLocalEdits()
    {
        var local = Path.Combine(Folder, "local");
        if (Directory.Exists(local)) CopyTree(local, Repo);
        var deleted = Path.Combine(Folder, "local-deleted.txt");
        if (File.Exists(deleted))
            foreach (var path in File.ReadAllLines(deleted).Where(l => l.Length > 0)) File.Delete(Path.Combine(Repo, path));
        var modes = Path.Combine(Folder, "local-modes.txt");
        if (File.Exists(modes))
        {
            foreach (var line in File.ReadAllLines(modes).Where(l => l.Length > 0))
            {
                var parts = line.Split(' ');
                File.SetUnixFileMode(Path.Combine(Repo, parts[0]), parts[1] == "755" ? RepoFileMode.Executable.ToUnix() : RepoFileMode.Regular.ToUnix());
            }
        }
    }

    public static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
            File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
        }
    }

    public void Dispose() => _temp.Dispose();
}
