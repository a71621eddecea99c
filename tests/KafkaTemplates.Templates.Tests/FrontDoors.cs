using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>Renders hypertrace-kafka through each front door: the engine in-process, and the SDK's dotnet new.</summary>
public static class FrontDoors
{
    private static readonly EngineServices Engine = new();

    public static string TemplateFolder => RepoRoot.Combine("templates", "hypertrace-kafka");

    public static TemplateDefinition Template { get; } = Engine.Loader.Load(TemplateFolder, TemplateSource.Builtin);

    /// <summary>What `kafka-templates new hypertrace-kafka -o &lt;folder&gt; --set ...` renders.</summary>
    public static async Task<FileSet> EngineAsync(HypertraceKafkaAnswers answers)
    {
        var input = new AnswerInput();
        if (!answers.Answers.ContainsKey("name")) input.FromSet.Add(new("name", answers.Folder));
        foreach (var (k, v) in answers.Answers) input.FromSet.Add(new(k, v));
        var result = await Engine.Scaffolder.RunAsync(Template, ParameterBinder.Bind(Template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null);
        return result.Files;
    }

    /// <summary>What `dotnet new hypertrace-kafka -o &lt;folder&gt; --k v ...` writes, from a template hive of its own.</summary>
    public static async Task<FileSet> DotnetNewAsync(HypertraceKafkaAnswers answers, string workFolder)
    {
        var hive = await DotnetNewHive.RepositoryAsync();
        var args = new List<string> { "new", "hypertrace-kafka", "--debug:custom-hive", hive, "-o", answers.Folder, "--allow-scripts", "no" };
        foreach (var (k, v) in answers.Answers)
        {
            if (k == "name") args.AddRange(["-n", v]);
            else args.AddRange(["--" + k, v]);
        }
        var result = await ProcessRunner.RunAsync("dotnet", args, workFolder);
        // Exit 105 only says the run-script post-action was not allowed; the repo is complete.
        if (result.ExitCode is not (0 or 105)) throw new InvalidOperationException("dotnet new failed: " + result);
        return FileSet.FromDirectory(Path.Combine(workFolder, answers.Folder));
    }
}
