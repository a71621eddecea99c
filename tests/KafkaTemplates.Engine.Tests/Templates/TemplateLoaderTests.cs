using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Tests.Fixtures;

namespace KafkaTemplates.Engine.Tests.Templates;

public class TemplateLoaderTests
{
    private static readonly TemplateLoader Loader = new EngineServices().Loader;

    private static TemplateLoadException Fails(string fixture) =>
        Assert.Throws<TemplateLoadException>(() => Loader.Load(FixtureTemplates.Invalid(fixture)));

    private static void AssertProblem(TemplateLoadException e, int line, string text) =>
        Assert.Contains(e.Problems, p => p.Mark.Line == line && p.Message.Contains(text, StringComparison.Ordinal));

    [Theory]
    [InlineData("UnknownAction", 11, "unknown action 'fetch:tempalte' in step 'fetch'; known actions: catalog:register")]
    [InlineData("DuplicateStepId", 13, "duplicate step id 'log' (also step 1)")]
    [InlineData("UnparsableExpression", 16, "the expression '${{ parameters.name | }}' does not parse: expected a filter name after '|'")]
    [InlineData("UnknownFilter", 13, "unknown filter 'shout'")]
    [InlineData("StepReadsLaterStep", 13, "reads steps.second, which is not a step that runs before it")]
    [InlineData("UnknownInput", 14, "fetch:template has no input 'copyWithoutTemplate'")]
    [InlineData("DefaultBreaksSchema", 11, "parameter 'brokers': the default 0 breaks its own schema")]
    [InlineData("DuplicateYamlKey", 10, "duplicate key 'steps'")]
    [InlineData("MissingVersion", 4, "metadata.annotations['kafka-templates.dev/version'] must give the template's SemVer version")]
    [InlineData("BadPattern", 11, "parameter page 1 at /properties/name/pattern: the pattern does not compile: Invalid pattern '^[a-z(+$'")]
    [InlineData("MisspelledKeyword", 12, "parameter page 1 at /properties/name/patern: unknown keyword 'patern'; did you mean 'pattern'?")]
    public void Reports_the_problem_with_its_line(string fixture, int line, string message)
    {
        var e = Fails(fixture);
        Assert.Single(e.Problems);
        AssertProblem(e, line, message);
        Assert.Equal("template.yaml", e.Problems[0].Mark.File);
    }

    [Fact]
    public void Reports_an_invalid_parameter_schema_in_plain_words()
    {
        var e = Fails("InvalidSchema");
        AssertProblem(e, 13, "parameter page 1 at /properties/brokers/type: unknown type 'integr'; use one of string, integer, number");
        AssertProblem(e, 14, "parameter page 1 at /properties/brokers/minimum must be a number, not 'three'");
        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public void Reports_every_problem_at_once_in_line_order()
    {
        var e = Fails("ManyProblems");
        Assert.Equal(5, e.Problems.Count);
        Assert.Equal(e.Problems.OrderBy(p => p.Mark.Line).Select(p => p.Mark.Line), e.Problems.Select(p => p.Mark.Line));
        AssertProblem(e, 1, "apiVersion must be scaffolder.backstage.io/v1beta3 (found 'scaffolder.backstage.io/v1beta2')");
        AssertProblem(e, 6, "'not-a-version' is not a SemVer version");
        AssertProblem(e, 11, "unknown action 'nope:nope'");
        AssertProblem(e, 13, "duplicate step id 'a'");
        AssertProblem(e, 15, "unknown step key 'inputs'");
        Assert.StartsWith("the template has 5 problems:\n  template.yaml:1:13:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_metadata_parameters_and_steps()
    {
        var template = Loader.Load(FixtureTemplates.Path("TemplateWithValidatedParameters"));
        Assert.Equal("fixture", template.Id);
        Assert.Equal("1.0.0", template.Version.ToString());
        Assert.Equal("service", template.Type);
        Assert.Equal(["name", "tier", "brokers", "ratio", "tls", "zones", "sizes", "label"], template.Parameters.Definitions.Select(d => d.Name));
        Assert.Equal(2, template.Parameters.Pages.Count);
        var tier = template.Parameters.Find("tier")!;
        Assert.Equal(["Bronze", "Silver", "Gold"], tier.EnumNames!);
        Assert.True(template.Parameters.Find("name")!.Required);
        Assert.Equal("fetch:template", Assert.Single(template.Steps).Action);
    }

    [Fact]
    public void A_missing_file_says_where_it_looked()
    {
        var e = Assert.Throws<FileNotFoundException>(() => Loader.Load(FixtureTemplates.Path("NoSuchTemplate")));
        Assert.Contains("no template.yaml at", e.Message, StringComparison.Ordinal);
    }
}
