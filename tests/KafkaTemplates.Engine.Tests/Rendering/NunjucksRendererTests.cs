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
        // The same expressions, bare and inside a tag, go through the one evaluator and must say the same.
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
    [InlineData("text with {{ and }} alone")]
    public void Leaves_double_braces_alone_because_Backstage_does(string text) => Assert.Equal(text, Render(text, ("name", "kafka")));

    [Fact]
    public void Renders_a_name_that_is_no_value_as_nothing_as_Backstage_does() =>
        Assert.Equal("run: echo  ", Render("run: echo ${{ github.sha }} ${{ secrets.TOKEN }}", ("name", "kafka")));

    [Theory]
    [InlineData("if: ${{ github.event_name == 'push' && matrix.os }}", 1)]
    [InlineData("a\n{% if values.name %}\n${{ github.ref && x }}\n{% endif %}", 3)]
    [InlineData("a\nb {% nosuchtag %}", 2)]
    [InlineData("text with {% and ${{ without close", 1)]
    [InlineData("x\n\ny ${{ values.name", 3)]
    public void Refuses_foreign_syntax_naming_the_line_and_the_fix(string text, int line)
    {
        var e = Assert.Throws<RenderException>(() => Render(text, ("name", "kafka")));
        Assert.Equal(line, e.Line);
        Assert.Contains("copyWithoutTemplating", e.Message, StringComparison.Ordinal);
    }

    // Each expected text is what nunjitsu 0.7.0 (Backstage's engine) renders with the differential test's values.
    [Theory]
    [InlineData("{% macro m(a, b=\"B\") %}${{ a }}-${{ b }}{% endmacro %}${{ m(1) }}|${{ m(1, b=2) }}|${{ m(1, 3) }}", "1-B|1-2|1-3")]
    [InlineData("{% macro w(t) %}[${{ caller() }}|${{ t }}]{% endmacro %}{% call w(1) %}body{% endcall %}", "[body|1]")]
    [InlineData("{% macro w() %}${{ caller(2) }}{% endmacro %}{% call(x) w() %}<${{ x }}>{% endcall %}", "<2>")]
    [InlineData("{% switch values.n %}{% case 1 %}one{% case 3 %}three{% default %}other{% endswitch %}", "three")]
    [InlineData("{% switch 2 %}{% case 1 %}{% case 2 %}{% case 3 %}two-or-three{% endswitch %}", "two-or-three")]
    [InlineData("{% filter upper %}ab ${{ values.s }}{% endfilter %}", "AB AB C")]
    [InlineData("{% filter replace(\"a\", \"b\") %}aaa{% endfilter %}", "bbb")]
    [InlineData("{% set x %}a${{ values.n }}{% endset %}[${{ x }}]", "[a3]")]
    [InlineData("{% set a, b = 5 %}${{ a }}${{ b }}", "55")]
    [InlineData("{% set c = cycler(\"x\", \"y\") %}${{ c.next() }}${{ c.next() }}${{ c.next() }}${{ c.current }}", "xyxx")]
    [InlineData("{% set j = joiner(\"; \") %}{% for i in [1,2,3] %}${{ j() }}${{ i }}{% endfor %}", "1; 2; 3")]
    [InlineData("{% set y = 5 %}{% for i in [1,2] %}{% set y = i %}{% endfor %}${{ y }}", "2")]
    [InlineData("{% for i in [1,2] %}{% set y = i %}{% endfor %}[${{ y }}]", "[]")]
    [InlineData("${{ \"ab\" | center(6) }}|", "  ab  |")]
    [InlineData("${{ values.items | groupby(\"name\") | dump }}", "{\"x\":[{\"name\":\"x\",\"v\":2},{\"name\":\"x\",\"v\":3}],\"y\":[{\"name\":\"y\",\"v\":1}]}")]
    [InlineData("${{ values.nums | select(\"odd\") | join }}", "31")]
    [InlineData("${{ values.nums | reject(\"odd\") | join }}", "2")]
    [InlineData("${{ [1,2,3,4,5] | slice(2) | dump }}", "[[1,2,3],[4,5]]")]
    [InlineData("${{ \"<b>x</b>  y\" | striptags }}", "x y")]
    [InlineData("${{ \"a b&c\" | urlencode }}", "a%20b%26c")]
    [InlineData("${{ \"see http://x.io.\" | urlize }}", "see <a href=\"http://x.io\">http://x.io</a>")]
    [InlineData("${{ \"<a>\" | forceescape }}", "&lt;a&gt;")]
    [InlineData("${{ r/^b/i | dump }}", "{}")]
    [InlineData("${{ [1,2,3][1:] }}|${{ \"abc\"[::-1] }}", "2,3|c,b,a")]
    [InlineData("${{ values.missing ~ \"x\" }}", "undefinedx")]
    [InlineData("${{ values.n is gt(1) ~ 3 }}", "false")]
    [InlineData("{% raw -%}  x  {% endraw %}  y", "  x  y")]
    [InlineData("${{ range === range }}|${{ cycler(1) !== cycler(1) }}|{% set r = {fn: range} %}${{ r.fn !== r.fn }}", "true|true|true")]
    [InlineData("${{ {b: 1, \"2\": 2, a: 3, \"1\": 4} | dump }}", "{\"1\":4,\"2\":2,\"b\":1,\"a\":3}")]
    [InlineData("${{ r// }}|${{ r/x/yimg }}", "/(?:)/|/x/gimy")]
    [InlineData("${{ \"x\" | int(default=7, 2) }}|${{ [1, 2] | sort(false, reverse=true) | dump }}", "2|[1,2]")]
    [InlineData("${{ {\"\u00df\": 1, ss: 2} | dictsort | dump }}", "[[\"\u00df\",1],[\"ss\",2]]")]
    [InlineData("{% block b %}{% macro m() %}M{% endmacro %}{% endblock %}${{ m() }}", "M")]
    [InlineData("${{ 1 is \"number\" }}|${{ 1 is \"sameas\"(1) }}|${{ missing is [1] }}", "true|true|true")]
    [InlineData("${{ \"a-b-c\".split(\"-\", 2) }}|${{ \"abc\".replace(\"b\", \"[$&$$]\") }}|${{ \"abcabc\".lastIndexOf(\"b\") }}|${{ \"abc\".slice(-2) }}|${{ \"abc\".substring(2, 0) }}|${{ \"abc\".charCodeAt(1) }}|${{ \"  x \".trimEnd() }}|", "a,b|a[b$]c|4|bc|ab|98|  x|")]
    [InlineData("${{ (1.005).toFixed(2) }}|${{ (-0.4).toFixed(0) }}|${{ (255).toString(16) }}|${{ (2.5).toFixed(0) }}|${{ values.n.toFixed(2) }}", "1.00|-0|ff|3|3.00")]
    [InlineData("${{ [1,2,3].at(-1) }}|${{ [1,[2,[3]]].flat() | dump }}|${{ [1,2].concat([3], 4) }}|${{ [1,2,1].lastIndexOf(1) }}|${{ [1,2,3].slice(1) }}|${{ [1,2].join() }}|${{ \"abc\".startsWith(\"b\", 1) }}|${{ \"abc\".endsWith(\"b\", 2) }}", "3|[1,2,[3]]|1,2,3,4|2|2,3|1,2|true|true")]
    [InlineData("{% filter trim %}{% set y = 1 %}{% endfilter %}[${{ y }}]|{% filter trim %}{% for i in [1] %}{% set z = 1 %}{% endfor %}{% endfilter %}[${{ z }}]", "[1]|[]")]
    [InlineData("{% for i in [1] %}{% filter trim %}{% set y = 1 %}{% endfilter %}[${{ y }}]{% endfor %}|{% if true %}{% filter trim %}{% set z = 1 %}{% endfilter %}{% endif %}[${{ z }}]", "[]|[1]")]
    [InlineData("${{ (0.5).toString(2) }}|${{ 2.5.toString(2) }}|${{ (2 ** 60).toString(2) | length }}|${{ 'ß' | title }}|${{ 'İi' | title }}|${{ 'ß' is upper }}", "0.1|10.1|61|SS|I\u0307i|false")]
    public void Renders_the_language_as_nunjitsu_does(string template, string expected)
    {
        var values = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["s"] = "Ab c",
            ["n"] = 3L,
            ["nums"] = new List<object?> { 3L, 1L, 2L },
            ["items"] = new List<object?>
            {
                new OrderedDictionary<string, object?> { ["name"] = "x", ["v"] = 2L },
                new OrderedDictionary<string, object?> { ["name"] = "y", ["v"] = 1L },
                new OrderedDictionary<string, object?> { ["name"] = "x", ["v"] = 3L },
            },
        };
        Assert.Equal(expected, Renderer.Render(template, "test.txt", new Dictionary<string, object?> { ["values"] = values }));
    }

    // ECMAScript's Number::toString, as nunjitsu prints numbers.
    [Theory]
    [InlineData("${{ 0.000001 }} ${{ 10 ** -7 }} ${{ 1.5 * 10 ** -6 }} ${{ 2 ** -20 }}", "0.000001 1e-7 0.0000015 9.5367431640625e-7")]
    [InlineData("${{ 2 ** 70 }} ${{ 10 ** 21 }} ${{ 10 ** 20 }} ${{ -(10 ** 21) }}", "1.1805916207174113e+21 1e+21 100000000000000000000 -1e+21")]
    [InlineData("${{ -0 }} ${{ 1/0 }} ${{ 0/0 }} ${{ 2 ** 1023 * 2 }} ${{ 2 ** -1074 }}", "0 Infinity NaN Infinity 5e-324")]
    [InlineData("${{ 1/3 }} ${{ -1 / 3 }} ${{ 0.1 * 3 }} ${{ 123.456 * 1000000 }} ${{ 2 ** 53 + 1 }}", "0.3333333333333333 -0.3333333333333333 0.30000000000000004 123456000 9007199254740992")]
    public void Prints_numbers_as_JavaScript_does(string template, string expected) => Assert.Equal(expected, Render(template));

    // Backstage refuses these; so do we, instead of quietly rendering something.
    [Theory]
    [InlineData("${{ values.n | upper }}")]
    [InlineData("${{ [1,2] | count }}")]
    [InlineData("${{ [1,2] | unique }}")]
    [InlineData("a #} b")]
    [InlineData("{% raw %}x{%- endraw %}")]
    [InlineData("{% raw %}x{% endraw -%}")]
    [InlineData("${{ 1e3 }}")]
    [InlineData("{% switch 1 %}\n{% case 1 %}x{% endswitch %}")]
    [InlineData("{% include 'x' %}")]
    public void Refuses_what_Backstage_refuses(string template) =>
        Assert.Throws<RenderException>(() => Renderer.Render(template, "test.txt", Values(("n", 3L))));

    [Fact]
    public void The_load_check_refuses_an_expression_naming_none_of_the_values()
    {
        var e = Assert.Throws<RenderException>(() => Renderer.Check("a: ${{ parameters.x }}\nb: ${{ github.sha }}", "template.yaml", new HashSet<string> { "parameters" }));
        Assert.Equal(2, e.Line);
        Assert.Contains("'github'", e.Message, StringComparison.Ordinal);
        Assert.Contains("{% raw %}", e.Message, StringComparison.Ordinal);
        Renderer.Check("{% for x in parameters.list %}${{ x }}{% endfor %}", "template.yaml", new HashSet<string> { "parameters" });
    }

    [Fact]
    public void Does_not_indent_an_indented_block_twice()
    {
        Assert.Equal("a\n  \n  b\n  \nc", Render("a\n  {% if true %}\n  b\n  {% endif %}\nc"));
        Assert.Equal("[0]", Render("{% if true %}[${{ 0 and ('x' in 5) }}]{% endif %}"));
    }

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
