using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;

namespace KafkaTemplates.Benchmarks;

/// <summary>
/// Generated repos and template versions for the benchmarks: hypertrace-kafka as it is (1.0.0 in a folder), and a
/// 1.1.0 beside it that changes a default and an alert, so upgrades have real work to do.
/// </summary>
internal sealed class BenchRepos : IDisposable
{
    public BenchRepos()
    {
        Root = Path.Combine(Path.GetTempPath(), "kt-bench-" + Guid.NewGuid().ToString("N"));
        Copy(Repository.Template, V1);
        Copy(Repository.Template, V2);
        Edit(Path.Combine(V2, "template.yaml"), "kafka-templates.dev/version: 1.0.0", "kafka-templates.dev/version: 1.1.0");
        Edit(Path.Combine(V2, "skeleton", "helm", "values.yaml"), "  terminationGracePeriodSeconds: 120", "  terminationGracePeriodSeconds: 180");
        Edit(Path.Combine(V2, "skeleton", "helm", "templates", "prometheusrule.yaml"), "summary:", "summary: ");
    }

    public string Root { get; }

    public string V1 => Path.Combine(Root, "templates", "v1");

    public string V2 => Path.Combine(Root, "templates", "v2");

    public EngineServices Engine { get; } = new();

    /// <summary>Writes a repo generated from v1 (recorded as a folder source), named by its index.</summary>
    public async Task<string> GenerateAsync(string folder, int index)
    {
        var repo = Path.Combine(Root, folder);
        var template = Engine.Loader.Load(V1, TemplateSource.Folder(Path.GetRelativePath(repo, V1)));
        var input = new AnswerInput();
        input.FromSet.Add(new("name", $"team-{index}"));
        input.FromSet.Add(new("brokers", (1 + index % 15).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var result = await Engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null);
        AtomicDirectoryWriter.Write(result.Files, repo, new WriteOptions { Force = true });
        return repo;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest, overwrite: true);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
        }
    }

    private static void Edit(string file, string from, string to) => File.WriteAllText(file, File.ReadAllText(file).Replace(from, to, StringComparison.Ordinal));

    public void Dispose()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
