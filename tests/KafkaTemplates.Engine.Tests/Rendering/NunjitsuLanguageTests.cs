using KafkaTemplates.Engine.Rendering;

namespace KafkaTemplates.Engine.Tests.Rendering;

/// <summary>
/// Corners of the language where nunjitsu follows what compiled Nunjucks does. Each expected text is what nunjitsu
/// 0.7.0 (Backstage's engine) renders with these values.
/// </summary>
public class NunjitsuLanguageTests
{
    private static readonly NunjucksRenderer Renderer = new();

    private static string Render(string template) => Renderer.Render(template, "test.txt", new Dictionary<string, object?>
    {
        ["values"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["s"] = "Ab c",
            ["n"] = 3L,
            ["nums"] = new List<object?> { 3L, 1L, 2L },
        },
    });

    // Names bound earlier in the source (macros, loop targets, parameters) are tied to slots at compile time.
    [Theory]
    [InlineData("{% if values.n > 5 %}{% macro m() %}big{% endmacro %}{% else %}{% macro m() %}small{% endmacro %}{% endif %}${{ m() }}", "small")]
    [InlineData("{% if values.n > 5 %}{% macro m() %}big{% endmacro %}{% endif %}[${{ m is defined }}]", "[false]")]
    [InlineData("{% for i in [1, 2] %}{% if i == 1 %}{% macro first() %}F${{ i }}{% endmacro %}{% endif %}${{ first() }};{% endfor %}", "F;F;")]
    [InlineData("{% for i in [1] %}{% macro inLoop() %}L{% endmacro %}{% endfor %}[${{ inLoop is defined }}]", "[false]")]
    [InlineData("{% macro label() %}macro{% endmacro %}{% macro wrap() %}${{ caller() }}{% endmacro %}{% call(label='param') wrap() %}${{ label() }}{% endcall %}", "macro")]
    [InlineData("{% macro show(x, x=2) %}[${{ x }}]{% endmacro %}${{ show() }}${{ show(1) }}${{ show(x=5) }}", "[][1][5]")]
    [InlineData("{% macro outer(v) %}{% macro inner() %}<${{ v }}>{% endmacro %}${{ inner() }}{% endmacro %}${{ outer(1) }}|${{ inner() }}", "<>|<>")]
    [InlineData("{% for xs in [\"ab\", \"\"] %}{% for c in xs %}${{ c }}{% else %}none{% endfor %}|{% endfor %}", "ab||")]
    [InlineData("{% for xs in [[1, 2], \"\"] %}{% for c in xs %}${{ loop.length }}{% else %}none{% endfor %}|{% endfor %}", "22||")]
    [InlineData("{% set k = 1 %}{% for k, v in [[7, 8]] %}{% set k = 9 %}{% endfor %}[${{ k }}]", "[9]")]
    [InlineData("{% for src in [[[1, 2, 3]], {x: 4}] %}{% for a, b, c in src %}(${{ a }},${{ b }},${{ c }}){% endfor %}{% endfor %}", "(1,2,3)(x,4,3)")]
    [InlineData("{% set t = 1 %}{% macro read() %}${{ t }}{% endmacro %}{% for i in [1] %}{% set t = 2 %}${{ read() }}{% endfor %}${{ read() }}|${{ t }}", "11|2")]
    [InlineData("{% macro m(loop) %}{% for v in [1] %}${{ loop.index }}{% endfor %}{% endmacro %}${{ m({index: 'param'}) }}", "param")]
    [InlineData("{% block b %}{% set inner = 1 %}{% macro bm() %}B${{ inner }}{% endmacro %}{% endblock %}${{ bm() }}[${{ inner }}]", "B[]")]
    public void Scopes_names_as_compiled_Nunjucks_does(string template, string expected) => Assert.Equal(expected, Render(template));
}
