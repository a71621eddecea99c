using System.Diagnostics;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Parameters;

/// <summary>
/// Every <c>pattern</c> of a parameter page is checked as YAML will read the value and with the pattern time limit,
/// not only a parameter's own: a property of an object parameter, the items of a list, a parameter that only a
/// <c>dependencies</c> branch declares, and a page that names another draft with <c>$schema</c>. Each of these let a
/// U+2028 through the library's own check, and the repo written from it then failed validation.
/// </summary>
public class NestedPatternTests
{
    private const string OneLine = "^[^\\\\u0000-\\\\u001f]*$";

    private static TemplateDefinition Load(TempFolder temp, string schemaLine = "")
    {
        temp.Write("template/template.yaml", $$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: nested
              annotations:
                kafka-templates.dev/version: 1.0.0
            spec:
              type: service
              parameters:
                - title: Nested
                  {{schemaLine}}
                  properties:
                    owner:
                      type: object
                      properties:
                        team:
                          type: string
                          pattern: "{{OneLine}}"
                    topics:
                      type: array
                      items:
                        type: string
                        pattern: "{{OneLine}}"
                    mode:
                      type: string
                      enum: [plain, custom]
                    slow:
                      type: string
                      pattern: "^(a+)+$"
                  dependencies:
                    mode:
                      oneOf:
                        - properties:
                            mode: { enum: [plain] }
                        - properties:
                            mode: { enum: [custom] }
                            label:
                              type: string
                              pattern: "{{OneLine}}"
              steps: []
            """);
        return new EngineServices().Loader.Load(temp.Combine("template"));
    }

    private static ParameterViolation Refused(TemplateDefinition template, string name, JsonNode value, string? also = null)
    {
        var input = new AnswerInput();
        input.FromFile[name] = value;
        if (also is not null) input.FromFile["mode"] = also;
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(template.Parameters, input));
        return Assert.Single(e.Violations, v => v.Rule == "pattern" || v.Message.Contains("pattern", StringComparison.Ordinal));
    }

    public static TheoryData<char> YamlOnlyLineBreaks => new() { '\u0085', '\u2028', '\u2029' };

    [Theory]
    [MemberData(nameof(YamlOnlyLineBreaks))]
    public void A_property_of_an_object_parameter_refuses_a_line_break_only_yaml_knows(char lineBreak)
    {
        using var temp = new TempFolder("nested-pattern");
        var v = Refused(Load(temp), "owner", new JsonObject { ["team"] = $"pay{lineBreak}ments" });
        Assert.Equal("owner/team", v.Parameter);
        Assert.Contains($"U+{(int)lineBreak:X4}, which YAML reads as a line break", v.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(YamlOnlyLineBreaks))]
    public void An_item_of_a_list_parameter_refuses_a_line_break_only_yaml_knows(char lineBreak)
    {
        using var temp = new TempFolder("nested-pattern");
        var v = Refused(Load(temp), "topics", new JsonArray("orders", $"pay{lineBreak}ments"));
        Assert.Equal("topics/1", v.Parameter);
        Assert.Contains($"U+{(int)lineBreak:X4}", v.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(YamlOnlyLineBreaks))]
    public void A_parameter_only_a_dependencies_branch_declares_refuses_a_line_break_only_yaml_knows(char lineBreak)
    {
        using var temp = new TempFolder("nested-pattern");
        var input = new AnswerInput();
        input.FromFile["mode"] = "custom";
        input.FromFile["label"] = $"a{lineBreak}b";
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(Load(temp).Parameters, input));
        Assert.Contains(e.Violations, v => v.Message.Contains($"U+{(int)lineBreak:X4}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://json-schema.org/draft-07/schema#")]
    [InlineData("https://json-schema.org/draft/2020-12/schema")]
    [InlineData("https://json-schema.org/draft/2019-09/schema")]
    public void A_page_that_names_another_draft_keeps_the_yaml_aware_check(string draft)
    {
        using var temp = new TempFolder("nested-pattern");
        var template = Load(temp, $"$schema: \"{draft}\"");
        var v = Refused(template, "owner", new JsonObject { ["team"] = "pay\u2028ments" });
        Assert.Equal("owner/team", v.Parameter);
    }

    [Fact]
    public void Values_without_those_breaks_pass_at_every_depth()
    {
        using var temp = new TempFolder("nested-pattern");
        var input = new AnswerInput();
        input.FromFile["owner"] = new JsonObject { ["team"] = "payments" };
        input.FromFile["topics"] = new JsonArray("orders", "refunds");
        input.FromFile["mode"] = "custom";
        input.FromFile["label"] = "ok";
        var answers = ParameterBinder.Bind(Load(temp).Parameters, input);
        Assert.Equal("payments", answers["owner"]!["team"]!.GetValue<string>());
    }

    [Fact]
    public void A_catastrophic_pattern_is_stopped_by_the_pattern_time_limit()
    {
        using var temp = new TempFolder("nested-pattern");
        var template = Load(temp);
        var watch = Stopwatch.StartNew();
        var v = Refused(template, "slow", new string('a', 40) + "!");
        watch.Stop();
        Assert.Equal("slow", v.Parameter);
        // The limit is one second a match; the library's own check had none (2^40 steps).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }
}
