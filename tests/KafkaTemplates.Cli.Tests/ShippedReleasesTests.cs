using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Cli.Tests;

/// <summary>The tool's build carries the released template versions kept in the tree, modes included.</summary>
public class ShippedReleasesTests
{
    private static readonly string[] KnownReleases = ["hypertrace-kafka/1.0.0"];

    [Fact]
    public async Task The_tool_renders_each_release_from_the_files_it_ships_without_any_git()
    {
        var engine = new EngineServices();
        foreach (var release in KnownReleases)
        {
            var (id, version) = (release.Split('/')[0], release.Split('/')[1]);
            var shipped = Path.Combine(TemplateCatalog.ReleasedRoot, id, version);
            Assert.True(Directory.Exists(shipped), $"the build does not ship {release} beside its templates");
            var template = engine.Loader.Load(shipped, TemplateSource.Builtin);
            var input = new AnswerInput();
            input.FromSet.Add(new("name", "payments"));
            var files = (await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null)).Files;
            Assert.True(files.Contains("helm/values.yaml"));
            Assert.Equal(RepoFileMode.Executable, files["docker/entrypoint.sh"].Mode);
        }
    }
}
