using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Engine.Tests.Rendering;

public class NunjucksRendererTests
{
    private static readonly NunjucksRenderer Renderer = new();

    private static Dictionary<string, object?> Values(params (string Key, object? Value)[] values)
    {
        var inner = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in values) inner[k] = v;
        return new Dictionary<string, object?> { ["values"] = inner };
    }

    private static string Render(string text, params (string, object?)[] values) => Renderer.Render(text, "test.txt", Values(values));

    [Theory]
    [InlineData("${{ values.name }}", "kafka")]
    [InlineData("a ${{values.name}} b", "a kafka b")]
    [InlineData("${{ values.name | upper }}", "KAFKA")]
    [InlineData("${{ values.missing }}|", "|")]
    [InlineData("${{ values.flag }}", "true")]
    [InlineData("${{ values.count + 1 }}", "4")]
    [InlineData("${{ values.list }}", "a,b")]
    [InlineData("${{ values.list | join('-') }}", "a-b")]
    [InlineData("${{ values.list | length }}", "2")]
    [InlineData("${{ values.name | replace('a', 'o') }}", "kofko")]
    [InlineData("${{ values.missing | default('x') }}", "x")]
    [InlineData("${{ values.obj | dump }}", "{\"a\":1}")]
    [InlineData("${{ values.obj }}", "[object Object]")]
    [InlineData("${{ values.name ~ '-' ~ values.count }}", "kafka-3")]
    [InlineData("${{ '}}' }}", "}}")]
    [InlineData("${{ values.nothing or values.name }}", "kafka")]
    [InlineData("${{ 'yes' if values.flag else 'no' }}", "yes")]
    [InlineData("${{ 7 / 2 }}", "3.5")]
    [InlineData("${{ values.repo | parseRepoUrl | pick('owner') }}", "acme")]
    [InlineData("${{ values.repo | projectSlug }}", "acme/kafka")]
    public void Outputs_values_as_Nunjucks_does(string template, string expected)
    {
        var list = new List<object?> { "a", "b" };
        var obj = new OrderedDictionary<string, object?> { ["a"] = 1L };
        Assert.Equal(expected, Render(template, ("name", "kafka"), ("flag", true), ("count", 3L), ("list", list), ("obj", obj),
            ("nothing", ""), ("repo", "github.com?owner=acme&repo=kafka")));
    }

    [Theory]
    [InlineData("${{ values.name | upper }} ${{ values.count * 2 + 1 }} ${{ values.list | join('+') }}")]
    [InlineData("${{ values.nothing or values.name }} ${{ values.flag and values.count }} ${{ 'a' if values.missing else 'b' }}")]
    [InlineData("${{ values.obj | dump }} ${{ values.list[1] }} ${{ values.list.length }} ${{ values.name.toUpperCase() }}")]
    [InlineData("${{ values.count / 4 }} ${{ values.count // 2 }} ${{ values.count % 2 }} ${{ 2 ** 10 }} ${{ -values.count }}")]
    [InlineData("${{ values.count == '3' }} ${{ values.count === 3 }} ${{ 'a' in values.list }} ${{ values.name is string }}")]
    [InlineData("${{ values.repo | parseRepoUrl | pick('repo') }} ${{ range(0, 3) }} ${{ [1, 'x', none] }} ${{ {a: 1} | dump }}")]
    public void Interpolation_and_scripts_agree(string template)
    {
        // Text without tags is evaluated directly; a tag around it makes it a Scriban script. Both must say the same.
        var list = new List<object?> { "a", "b" };
        var obj = new OrderedDictionary<string, object?> { ["a"] = 1L };
        (string, object?)[] values = [("name", "kafka"), ("flag", true), ("count", 3L), ("list", list), ("obj", obj), ("nothing", ""), ("repo", "github.com?owner=acme&repo=kafka")];
        Assert.Equal(Render(template, values), Render("{% if true %}" + template + "{% endif %}", values));
    }

    [Theory]
    [InlineData("{% if values.flag %}on{% else %}off{% endif %}", "on")]
    [InlineData("{% if not values.flag %}on{% elif values.count > 2 %}big{% else %}off{% endif %}", "big")]
    [InlineData("{% for x in values.list %}[${{ x }}${{ loop.index }}]{% endfor %}", "[a1][b2]")]
    [InlineData("{% for x in values.empty %}x{% else %}none{% endfor %}", "none")]
    [InlineData("{% for k, v in values.obj %}${{ k }}=${{ v }};{% endfor %}", "a=1;")]
    [InlineData("{% raw %}${{ values.name }}{% endraw %}", "${{ values.name }}")]
    [InlineData("{% set y = values.count * 2 %}${{ y }}", "6")]
    [InlineData("a {# comment #}b", "a b")]
    [InlineData("a\n  {%- if true %} b{% endif %}", "a b")]
    public void Runs_tags(string template, string expected)
    {
        var list = new List<object?> { "a", "b" };
        var obj = new OrderedDictionary<string, object?> { ["a"] = 1L };
        Assert.Equal(expected, Render(template, ("flag", true), ("count", 3L), ("list", list), ("obj", obj), ("empty", new List<object?>())));
    }

    [Theory]
    [InlineData("image: {{ .Values.image }}")]
    [InlineData("{{- if .Values.x }}{{ end }}")]
    [InlineData("run: echo ${{ github.sha }} ${{ secrets.TOKEN }}")]
    [InlineData("if: ${{ github.event_name == 'push' && matrix.os }}")]
    [InlineData("{% macro x %}")]
    [InlineData("text with {{ and {% and }} %} and ${{ without close")]
    public void Leaves_foreign_syntax_untouched(string text) => Assert.Equal(text, Render(text, ("name", "kafka")));

    [Fact]
    public void A_value_is_never_evaluated_as_template_code()
    {
        Assert.Equal("${{ values.secret }} {% if %} {{x}}", Render("${{ values.name }}", ("name", "${{ values.secret }} {% if %} {{x}}"), ("secret", "s3cret")));
    }

    [Fact]
    public void Stops_runaway_loops()
    {
        var e = Assert.Throws<RenderLimitException>(() => Render("{% for i in range(0, 1000000) %}x{% endfor %}"));
        Assert.Contains("loop limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_loops_over_long_lists()
    {
        var limited = new NunjucksRenderer(new RenderLimits { MaxLoopIterations = 10 });
        var values = Values(("items", Enumerable.Range(0, 50).Select(i => (object?)(long)i).ToList()));
        var e = Assert.Throws<RenderLimitException>(() => limited.Render("{% for i in values.items %}${{ i }}{% endfor %}", "t", values));
        Assert.Contains("more than 10 times", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stops_output_that_grows_without_bound()
    {
        var limited = new NunjucksRenderer(new RenderLimits { MaxOutputChars = 1000 });
        var e = Assert.ThrowsAny<RenderException>(() => limited.Render(
            "{% set s = 'xxxxxxxxxx' %}{% for i in range(0, 20) %}{% set s = s ~ s %}${{ s }}{% endfor %}", "t", Values()));
        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_past_its_limit_fails_instead_of_being_cut_short()
    {
        var limited = new NunjucksRenderer(new RenderLimits { MaxOutputChars = 1000 });
        var e = Assert.Throws<RenderLimitException>(() => limited.Render("{% for i in range(0, 200) %}0123456789{% endfor %}", "t", Values()));
        Assert.Contains("past 1000 characters", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_the_line_of_a_bad_filter()
    {
        var e = Assert.Throws<RenderException>(() => Render("line1\nline2 ${{ values.name | nosuchfilter }}", ("name", "x")));
        Assert.Equal(2, e.Line);
        Assert.Contains("unknown filter 'nosuchfilter'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_unclosed_block()
    {
        var e = Assert.Throws<RenderException>(() => Render("a\n{% if values.x %}\nb"));
        Assert.Equal(2, e.Line);
        Assert.Contains("never closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_expression_keeps_its_type()
    {
        var values = new Dictionary<string, object?> { ["parameters"] = new OrderedDictionary<string, object?> { ["n"] = 3L, ["s"] = "x" } };
        Assert.Equal(3L, Renderer.RenderValue("${{ parameters.n }}", "input", values));
        Assert.Equal("3 ", Renderer.RenderValue("${{ parameters.n }} ", "input", values));
        Assert.Same(Undefined.Value, Renderer.RenderValue("${{ parameters.missing }}", "input", values));
        Assert.Equal("x-3", Renderer.RenderValue("${{ parameters.s }}-${{ parameters.n }}", "input", values));
    }
}
