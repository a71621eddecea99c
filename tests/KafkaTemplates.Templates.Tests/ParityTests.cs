using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// The promise of the product: dotnet new and kafka-templates write the same bytes and modes for the same answers,
/// the answers file included.
/// </summary>
public class ParityTests
{
    public static TheoryData<HypertraceKafkaAnswers> AnswerSets() => new(HypertraceKafkaAnswers.All);

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public async Task Dotnet_new_and_the_engine_write_identical_repos(HypertraceKafkaAnswers answers)
    {
        using var work = new TempFolder("parity");
        var engine = await FrontDoors.EngineAsync(answers);
        var dotnetNew = await FrontDoors.DotnetNewAsync(answers, work.Path);

        var differences = GoldenFolder.Compare(expected: dotnetNew, actual: engine);

        Assert.True(differences.Length == 0, $"dotnet new (expected) and the engine (actual) differ:\n{differences}");
        Assert.Contains(AnswersFile.FileName, engine.Paths);
    }

    [Fact]
    public async Task Dotnet_new_cleans_a_hostile_value_instead_of_injecting_it()
    {
        using var work = new TempFolder("parity-hostile");
        var hostile = new HypertraceKafkaAnswers("hostile", "evil", new Dictionary<string, string>
        {
            ["name"] = "Evil: \"x\"\nextra",
            ["description"] = "line\"\nkey: injected",
            ["owner"] = "a b:c",
        });

        var files = await FrontDoors.DotnetNewAsync(hostile, work.Path);

        var answers = AnswersFile.Parse(files[AnswersFile.FileName].ReadText(), "answers");
        Assert.Equal("evil--xextra", answers.Answers["name"]!.GetValue<string>());
        Assert.Equal("linekey: injected", answers.Answers["description"]!.GetValue<string>());
        Assert.Equal("a-b-c", answers.Answers["owner"]!.GetValue<string>());
        var catalog = KafkaTemplates.Engine.Yaml.YamlReader.Read(files["catalog-info.yaml"].ReadText(), "catalog-info.yaml");
        Assert.Equal("evil--xextra", catalog.Root!["metadata"]!["name"]!.GetValue<string>());
    }
}
