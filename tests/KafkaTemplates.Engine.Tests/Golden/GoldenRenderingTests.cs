using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Golden;

/// <summary>
/// Each folder under Golden/NN-category/case holds a fixture template, the answers to give it, and the expected
/// output. The test renders the template and compares file by file, content and mode.
/// </summary>
public class GoldenRenderingTests
{
    private static readonly string Root = RepoRoot.Combine("tests", "KafkaTemplates.Engine.Tests", "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var category in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
            foreach (var @case in Directory.EnumerateDirectories(category).Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Root, @case).Replace('\\', '/'));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Renders_as_expected(string @case)
    {
        var folder = Path.Combine(Root, @case);
        var engine = new EngineServices();
        // The recorded source is the fixture's own relative folder, so expected files hold no machine path.
        var template = engine.Loader.Load(Path.Combine(folder, "template"), TemplateSource.Folder("template"));
        var input = new AnswerInput();
        if (YamlReader.ReadFile(Path.Combine(folder, "answers.yaml")).Root is System.Text.Json.Nodes.JsonObject answers)
            foreach (var (k, v) in answers) input.FromFile[k] = v?.DeepClone();

        var result = await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null);

        GoldenFolder.AssertMatches(result.Files, Path.Combine(folder, "expected"));
    }
}
