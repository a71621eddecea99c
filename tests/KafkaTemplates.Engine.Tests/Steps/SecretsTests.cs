using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Tests.Fixtures;

namespace KafkaTemplates.Engine.Tests.Steps;

public class SecretsTests
{
    [Fact]
    public async Task Secrets_are_used_in_the_render_but_never_reach_the_answers_file_or_the_log()
    {
        var engine = new EngineServices();
        var template = engine.Loader.Load(FixtureTemplates.Path("TemplateWithSecretParameter"));
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("token", "tok-9f8e7d"));
        var answers = ParameterBinder.Bind(template.Parameters, input);
        var log = new ScaffoldLog();

        var result = await engine.Scaffolder.RunAsync(template, answers, new ScaffoldOptions(), log);

        Assert.Equal("cluster payments authenticates with tok-9f8e7d\n", result.Files["config.txt"].ReadText());
        var answersText = result.Files[".kafka-templates.yaml"].ReadText();
        Assert.Contains("name: \"payments\"", answersText, StringComparison.Ordinal);
        Assert.DoesNotContain("token", answersText, StringComparison.Ordinal);
        Assert.DoesNotContain("password", answersText, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-default", answersText, StringComparison.Ordinal);
        var logged = string.Join("\n", log.Entries.Select(e => e.Message));
        Assert.Contains("token is *** and password ***", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-9f8e7d", logged, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-default", logged, StringComparison.Ordinal);
    }
}
