using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Tests.Fixtures;

namespace KafkaTemplates.Engine.Tests.Parameters;

public class ParameterBinderTests
{
    private static readonly TemplateDefinition Template =
        new EngineServices().Loader.Load(FixtureTemplates.Path("TemplateWithValidatedParameters"));

    private static AnswerSet Bind(params string[] sets)
    {
        var input = new AnswerInput();
        foreach (var s in sets)
        {
            var (k, v) = SetValueParser.Split(s);
            input.FromSet.Add(new(k, v));
        }
        return ParameterBinder.Bind(Template.Parameters, input);
    }

    private static ParameterException Invalid(params string[] sets) => Assert.Throws<ParameterException>(() => Bind(sets));

    [Fact]
    public void Applies_defaults_and_types_set_values_by_schema()
    {
        var answers = Bind("name=payments", "brokers=5", "ratio=2.5", "tls=false", "zones=a,b", "sizes=[1, 2]");
        Assert.Equal("""{"name":"payments","tier":"silver","brokers":5,"ratio":2.5,"tls":false,"zones":["a","b"],"sizes":[1,2]}""",
            answers.ToJson(includeSecrets: true).ToJsonString());
    }

    [Theory]
    [InlineData('\u0085')]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void A_pattern_that_keeps_a_value_on_one_line_refuses_the_line_breaks_only_yaml_knows(char lineBreak)
    {
        // The shipped template's description refuses control characters, so one line; YAML also breaks lines at these.
        var shipped = new EngineServices().Catalog().Resolve("hypertrace-kafka");
        var input = new AnswerInput();
        input.FromSet.Add(new("name", "payments"));
        input.FromSet.Add(new("description", $"first{lineBreak}second"));

        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(shipped.Parameters, input));

        var violation = Assert.Single(e.Violations);
        Assert.Equal("description", violation.Parameter);
        Assert.Contains($"it holds U+{(int)lineBreak:X4}, which YAML reads as a line break", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_that_allows_line_breaks_allows_them_all()
    {
        Assert.True(ParameterPatterns.Matches(@"^[\s\S]*$", "a\u2028b\nc"));
        Assert.True(ParameterPatterns.Matches("^[^\"]*$", "a\u2028b"));
        Assert.False(ParameterPatterns.Matches("^[^\\u0000-\\u001f]*$", "a\u2028b"));
    }

    [Fact]
    public void Keeps_strings_exactly_as_typed()
    {
        var answers = Bind("name=payments", "label={a:1}");
        Assert.Equal("{a:1}", answers["label"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_required_answer_names_the_parameter_and_leaves_how_to_give_it_to_the_front_door()
    {
        var e = Invalid();
        var v = Assert.Single(e.Violations);
        Assert.Equal(("name", "required"), (v.Parameter, v.Rule));
        Assert.Equal("is required", v.Message);
    }

    [Fact]
    public void Reports_every_violation_at_once_with_rule_and_value()
    {
        var e = Invalid("name=Bad_Name", "tier=platinum", "brokers=16", "label=x", "tls=maybe");
        Assert.Equal(5, e.Violations.Count);
        Assert.Contains(e.Violations, v => v is { Parameter: "name", Rule: "pattern", Value: "\"Bad_Name\"" }
            && v.Message == "must match the pattern ^[a-z][a-z0-9-]{0,38}[a-z0-9]$ (A DNS label.)");
        Assert.Contains(e.Violations, v => v is { Parameter: "tier", Rule: "enum", Value: "\"platinum\"", Message: "must be one of: \"bronze\", \"silver\", \"gold\"" });
        Assert.Contains(e.Violations, v => v is { Parameter: "brokers", Rule: "maximum", Value: "16", Message: "must be at most 15" });
        Assert.Contains(e.Violations, v => v is { Parameter: "label", Rule: "minLength", Message: "must be at least 2 characters long" });
        Assert.Contains(e.Violations, v => v is { Parameter: "tls", Rule: "type", Value: "\"maybe\"", Message: "expected true or false; tls is a boolean parameter" });
    }

    [Theory]
    [InlineData("brokers=three", "brokers", "expected a whole number; brokers is an integer parameter")]
    [InlineData("ratio=fast", "ratio", "expected a number; ratio is a number parameter")]
    [InlineData("sizes=1,x", "sizes", "list item 'x': expected a whole number; sizes is an array parameter")]
    public void Wrong_types_from_set_are_violations(string set, string parameter, string message)
    {
        var v = Assert.Single(Invalid("name=ok", set).Violations);
        Assert.Equal((parameter, "type", message), (v.Parameter, v.Rule, v.Message));
    }

    [Fact]
    public void An_unknown_parameter_suggests_the_closest_name()
    {
        var v = Assert.Single(Invalid("name=ok", "broker=3").Violations);
        Assert.Equal(("broker", "unknown"), (v.Parameter, v.Rule));
        Assert.StartsWith("is not a parameter of this template; did you mean 'brokers'? its parameters are: name, tier", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Later_sources_win_over_earlier_ones()
    {
        var input = new AnswerInput();
        input.FromFile["name"] = "from-file";
        input.FromFile["brokers"] = 7L;
        input.FromSet.Add(new("name", "from-set"));
        var answers = ParameterBinder.Bind(Template.Parameters, input);
        Assert.Equal("from-set", answers["name"]!.GetValue<string>());
        Assert.Equal(7, answers["brokers"]!.GetValue<long>());
    }

    [Fact]
    public void A_secret_value_is_never_shown_in_a_violation()
    {
        var template = new EngineServices().Loader.Load(FixtureTemplates.Path("TemplateWithSecretParameter"));
        var input = new AnswerInput();
        input.FromFile["name"] = "NOT VALID";
        input.FromFile["token"] = new JsonArray("s3cret-token");
        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(template.Parameters, input));
        Assert.DoesNotContain("s3cret-token", e.Message, StringComparison.Ordinal);
        Assert.Contains(e.Violations, v => v is { Parameter: "token", Value: "***" });
    }
}
