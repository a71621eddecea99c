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

/// <summary>
/// A value computed from a secret is as secret as the secret: whatever filter it went through, it is masked in the
/// log, in error messages and in the template's output, which the CLI prints and the portal stores.
/// </summary>
public class DerivedSecretsTests
{
    private const string Secret = "Tok-9f8e-7D6c";

    private static async Task<(ScaffoldResult? Result, string Logged, string? Error)> RunAsync(string message, string outputText = "done")
    {
        using var temp = new KafkaTemplates.Testing.TempFolder("derived");
        temp.Write("template.yaml", $$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: derived
              annotations:
                kafka-templates.dev/version: 1.0.0
            spec:
              type: service
              parameters:
                - properties:
                    token: { type: string, ui:field: Secret }
              steps:
                - id: log
                  action: debug:log
                  input:
                    message: '{{message}}'
              output:
                text:
                  - title: Result
                    content: '{{outputText}}'
            """);
        var engine = new EngineServices();
        var template = engine.Loader.Load(temp.Path);
        var input = new AnswerInput();
        input.FromSet.Add(new("token", Secret));
        var log = new ScaffoldLog();
        try
        {
            var result = await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), log);
            return (result, string.Join("\n", log.Entries.Select(e => e.Message)), null);
        }
        catch (ScaffoldException e)
        {
            return (null, string.Join("\n", log.Entries.Select(e => e.Message)), e.Message);
        }
    }

    /// <summary>Every form of the secret a filter chain below can produce.</summary>
    private static readonly string[] Forms =
    [
        Secret, Secret.ToUpperInvariant(), Secret.ToLowerInvariant(), Secret.Replace("-", "", StringComparison.Ordinal),
        Secret.Replace("-", "_", StringComparison.Ordinal), "9f8e-7D6c", "9f8e_7D6c", "Tok-9f8e", "TOK-9F8E-7D6C-suffix",
    ];

    [Theory]
    [InlineData("${{ secrets.token | upper }}")]
    [InlineData("${{ secrets.token | lower }}")]
    [InlineData("${{ secrets.token | replace(\"-\", \"\") }}")]
    [InlineData("${{ parameters.token | replace(\"-\", \"_\") }}")]
    [InlineData("prefix ${{ secrets.token | replace(\"Tok-\", \"\") }} suffix")]
    [InlineData("${{ secrets.token | replace(\"Tok-\", \"\") | replace(\"-\", \"_\") }}")]
    [InlineData("${{ (secrets.token | upper) + \"-suffix\" }}")]
    [InlineData("  ${{ secrets.token | trim | replace(\"-7D6c\", \"\") }}")]
    public async Task A_value_derived_from_a_secret_through_filters_is_masked_in_the_log(string message)
    {
        var (_, logged, error) = await RunAsync(message);

        Assert.Null(error);
        Assert.Contains("***", logged, StringComparison.Ordinal);
        foreach (var form in Forms) Assert.DoesNotContain(form, logged, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_value_derived_from_a_secret_is_masked_in_the_output()
    {
        var (result, _, _) = await RunAsync("hello", "token tail: ${{ secrets.token | replace(\"Tok-\", \"\") }}");

        var output = result!.Output.ToJsonString();
        Assert.Contains("***", output, StringComparison.Ordinal);
        foreach (var form in Forms) Assert.DoesNotContain(form, output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Values_that_do_not_depend_on_a_secret_are_logged_as_they_are()
    {
        var (_, logged, _) = await RunAsync("plain ${{ secrets.token | length > 0 }} text");

        Assert.Equal("plain true text", logged.Split('\n').Single(l => l.StartsWith("plain", StringComparison.Ordinal)));
    }
}
