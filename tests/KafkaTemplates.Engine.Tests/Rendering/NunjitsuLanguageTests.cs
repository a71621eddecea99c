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

    // Methods that change a list change it in place, for every reference to it in the render.
    [Theory]
    [InlineData("{% set a = [3, 1, 2] %}${{ a.push(4, 5) }}|${{ a }}|${{ a.pop() }}|${{ a.shift() }}|${{ a.unshift(0) }}|${{ a }}", "5|3,1,2,4,5|5|3|4|0,1,2,4")]
    [InlineData("{% set a = [1, 2, 3, 4, 5] %}${{ a.splice(1, 2) }}|${{ a }}|${{ a.splice(-1) }}|${{ a }}|${{ a.splice(0, 0, 'x', 'y') }}|${{ a }}|${{ a.splice() | length }}", "2,3|1,4,5|5|1,4||x,y,1,4|0")]
    [InlineData("{% set a = [1, 2, 3] %}${{ a.splice(1, undefined, 9) }}|${{ a }}", "2,3|1")]
    [InlineData("{% set a = [1, 2, 3] %}${{ a.splice(1, -5, 9) | length }}|${{ a }}", "0|1,9,2,3")]
    [InlineData("{% set a = [10, 9, 1, undefined, 'b', 'a', null, [2, 1], true] %}${{ a.sort() | dump }}", "[1,10,[2,1],9,\"a\",\"b\",null,true,null]")]
    [InlineData("{% set a = [1, 2, 3] %}{% set b = a %}${{ a.reverse() }}|${{ b }}|${{ a.reverse() === a }}", "3,2,1|3,2,1|true")]
    [InlineData("{% set a = [1, 2, 3, 4] %}${{ a.fill(0, 1, -1) }}|${{ a.fill(7) }}|${{ [1, 2, 3, 4, 5].copyWithin(0, 3) }}|${{ [1, 2, 3, 4, 5].copyWithin(1, 0, 3) }}|${{ [1, 2, 3, 4, 5].copyWithin(-2) }}", "1,0,0,4|7,7,7,7|4,5,3,4,5|1,1,2,3,5|1,2,3,1,2")]
    [InlineData("{% set a = [] %}{% for i in range(3) %}${{ a.push(i) }}{% endfor %}|${{ a | join('-') }}", "123|0-1-2")]
    [InlineData("${{ values.nums.push(9) }}|${{ values.nums }}|${{ values.nums.sort() }}|${{ values.nums.reverse() }}", "4|3,1,2,9|1,2,3,9|9,3,2,1")]
    [InlineData("{% set a = [[1]] %}${{ a[0].push(2) }}|${{ a | dump }}", "2|[[1,2]]")]
    [InlineData("{% set a = [1, 2] %}${{ a['push'](3) }}|${{ a }}", "3|1,2,3")]
    [InlineData("{% set p = 'pu' ~ 'sh' %}{% set a = [1] %}${{ a[p](2) }}|${{ a }}", "2|1,2")]
    [InlineData("${{ (123.456).toExponential(2) }}|${{ (0.00015).toExponential(1) }}|${{ (123456).toExponential() }}|${{ (0).toExponential() }}|${{ (0).toExponential(2) }}|${{ (-0).toExponential(1) }}|${{ (1/0).toExponential(2) }}|${{ (0/0).toPrecision(2) }}", "1.23e+2|1.5e-4|1.23456e+5|0e+0|0.00e+0|0.0e+0|Infinity|NaN")]
    [InlineData("${{ (1).toPrecision(100) }}|${{ (0.1).toExponential(100) }}", "1.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000|1.0000000000000000555111512312578270211815834045410156250000000000000000000000000000000000000000000000e-1")]
    [InlineData("${{ (12).toExponential(values.missing) }}|${{ (12).toPrecision(2.9) }}|${{ (12).toExponential(true) }}", "1.2e+1|12|1.2e+1")]
    [InlineData("${{ [].pop() }}|${{ [].shift() }}|${{ [3, 4].splice(values.inf) }}|${{ [3, 4].splice(1 / 0) }}|${{ [3, 4, 5].splice(-1 / 0, 1) }}", "||||3")]
    [InlineData("${{ (123.456).toPrecision(4) }}|${{ (0.000123).toPrecision(2) }}|${{ (123456).toPrecision(2) }}|${{ (2.5).toPrecision(1) }}|${{ (1.25).toPrecision(2) }}|${{ (10 ** 21).toPrecision(3) }}|${{ (0).toPrecision(3) }}|${{ (-1.5).toPrecision() }}", "123.5|0.00012|1.2e+5|3|1.3|1.00e+21|0.00|-1.5")]
    [InlineData("${{ (2 ** -1074).toPrecision(3) }}|${{ (2 ** 1023).toExponential(5) }}|${{ (999.95).toPrecision(4) }}|${{ (9.995).toPrecision(3) }}|${{ (0.5).toExponential(0) }}|${{ (1.45).toExponential(1) }}", "4.94e-324|8.98847e+307|1000|9.99|5e-1|1.4e+0")]
    [InlineData("{% set a = [1, 2, 3] %}{% set b = {k: a} %}${{ b.k.push(4) }}|${{ a }}|${{ a.length }}|{% for x in a %}${{ x }}{% endfor %}", "4|1,2,3,4|4|1234")]
    [InlineData("${{ values.nums.pop() }}|${{ values.nums }}", "2|3,1")]
    [InlineData("${{ values.nums }}", "3,1,2")]
    [InlineData("${{ (1.5).toString() }}|${{ (0.1 + 0.2).toPrecision(17) }}|${{ (123.456).toPrecision(21) }}|${{ (0.000001).toPrecision(1) }}|${{ (0.0000001).toPrecision(1) }}|${{ (100).toPrecision(1) }}|${{ (100).toPrecision(3) }}", "1.5|0.30000000000000004|123.456000000000003070|0.000001|1e-7|1e+2|100")]
    [InlineData("{% set a = [1, 2] %}{% for x in a %}${{ x }}{% if x < 5 %}${{ a.push(x + 3) }}{% endif %};{% endfor %}|${{ a }}", "13;24;45;5;7;|1,2,4,5,7")]
    [InlineData("{% set a = [1, 2, 3, 4] %}{% for x in a %}${{ x }}${{ a.pop() }}${{ loop.length }}${{ loop.last }};{% endfor %}", "144false;234false;")]
    [InlineData("{% set a = [3, 1, 2] %}{% for x in a %}${{ x }}{% if loop.first %}${{ a.sort() }}{% endif %};{% endfor %}", "31,2,3;2;3;")]
    public void Runs_list_and_number_methods_as_JavaScript_does(string template, string expected) => Assert.Equal(expected, Render(template));

    // A list may not contain itself or a macro; the methods keep their fixed number of arguments and ranges.
    [Theory]
    [InlineData("{% set a = [1] %}${{ a.push(a) }}")]
    [InlineData("{% set a = [1] %}{% set b = [a] %}${{ a.push(b) }}")]
    [InlineData("{% macro m() %}x{% endmacro %}{% set a = [1] %}${{ a.push(m) }}")]
    [InlineData("{% set a = [1, 2] %}${{ a.pop(1) }}")]
    [InlineData("${{ (1).toPrecision(0) }}")]
    [InlineData("${{ (1).toExponential(101) }}")]
    [InlineData("${{ (12).toPrecision('3') }}|${{ (12).toPrecision(null) }}")]
    [InlineData("${{ r/a/gg }}")]
    [InlineData("{% block b %}{% endblock %}{% block b %}{% endblock %}")]
    [InlineData("${{ values.nums.constructor }}")]
    [InlineData("${{ values['__proto__'] }}")]
    [InlineData("{% if false %}${{ {prototype: 1} }}{% endif %}")]
    [InlineData("{% set constructor = 1 %}")]
    [InlineData("${{ [{n: 1}] | sort(attribute='constructor') }}")]
    [InlineData("${{ [{n: 'constructor'}] | groupby('n') }}")]
    [InlineData("${{ [{a: 1}] | join(',', 'prototype') }}")]
    [InlineData("${{ [{a: 1}] | selectattr('__proto__') }}")]
    [InlineData("{% if false %}${{ r/a**/ }}{% endif %}")]
    [InlineData("{% if false %}${{ r/(?<n>a)(?<n>b)/ }}{% endif %}")]
    [InlineData("{% if false %}${{ r/[b-a]/ }}{% endif %}")]
    [InlineData("{% set a = [1] %}{% for x in a %}${{ a.push(1) }}{% endfor %}")]
    public void Refuses_what_nunjitsu_refuses(string template) => Assert.ThrowsAny<RenderException>(() => Render(template));

    // Casing follows node's full mapping: final sigma, ß, ŉ, ǰ, the ligatures, ı, ſ, iota subscripts, other planes.
    [Theory]
    [InlineData("${{ 'ΟΔΥΣΣΕΥΣ ΚΑΙ ΣΑΣ' | lower }}|${{ 'ΟΔΥΣΣΕΥΣ' | capitalize }}|${{ 'ΣΑΣ Σ ΑΣ.' | title }}|${{ 'ΑΣ' is lower }}|${{ 'Σ'.toLowerCase() }}|${{ 'ΑΣʰ'.toLowerCase() }}", "οδυσσευς και σας|Οδυσσευς|Σας Σ Ας.|false|σ|αςʰ")]
    [InlineData("${{ 'ŉ ǰ ß ﬀ ﬃ ſ ı ᾳ' | upper }}|${{ 'ŉ ǰ ß ﬀ' | title }}|${{ 'ﬀoo' | capitalize }}|${{ 'İstanbul' | lower | length }}|${{ 'ß' is upper }}|${{ 'ſ' is lower }}", "ʼN J̌ SS FF FFI S I ΑΙ|ʼN J̌ SS FF|FFoo|9|false|true")]
    [InlineData("${{ '𐐨𐐩 𞤢' | upper }}|${{ '𐐀𐐁 𞤀' | lower }}|${{ 'ꟋꟌ' | lower }}|${{ 'ƛ' | upper }}", "𐐀𐐁 𞤀|𐐨𐐩 𞤢|ɤꟍ|Ƛ")]
    [InlineData("${{ ['b', 'B', 'ß', 'ss'] | sort | join }}|${{ [{n: 'Σ'}, {n: 'σ'}, {n: 'ς'}] | sort(attribute='n') | join(',', 'n') }}", "bBssß|ς,Σ,σ")]
    public void Changes_case_as_JavaScript_does(string template, string expected) => Assert.Equal(expected, Render(template));

    // Regex literals mean what they mean in JavaScript: ASCII \d \w, JavaScript's \s and line terminators, lastIndex
    // for g and y, split's algorithm, GetSubstitution, identity escapes.
    [Theory]
    [InlineData("{% set r = r/a/g %}${{ r.test('aa') }}${{ r.test('aa') }}${{ r.test('aa') }}${{ r.test('aa') }}", "truetruefalsetrue")]
    [InlineData("{% set r = r/a/y %}${{ r.test('ba') }}${{ r.test('ab') }}${{ r.test('ab') }}", "falsetruefalse")]
    [InlineData("{% set r = r/a/g %}${{ r.test('a') }}${{ 'aXa'.replace(r, 'b') }}${{ r.test('a') }}", "truebXbtrue")]
    [InlineData("{% set r = r/a/y %}${{ r.test('a') }}${{ 'aa'.replace(r, 'b') }}|${{ 'aab'.replace(r, 'c') }}", "trueab|aab")]
    [InlineData("${{ '١٢ 34'.replace(r/\\d/g, '#') }}|${{ 'é_a'.replace(r/\\w/g, '#') }}|${{ 'a\u00a0b\u0085c\ufeffd'.replace(r/\\s/g, '#') }}|${{ 'a\\rb'.replace(r/./g, '#') }}", "١٢ ##|é##|a#b\u0085c#d|#\r#")]
    [InlineData("${{ 'a\\nb\\n'.replace(r/b$/g, '#') }}|${{ 'a\\rb'.replace(r/^b/gm, '#') }}|${{ 'a\\u2028b'.replace(r/a$/gm, '#') }}|${{ 'éa'.replace(r/\\ba/g, '#') }}", "a\nb\n|a\r#|au2028b|é#")]
    [InlineData("${{ 'ab'.split(r/(?:)/) }}|${{ 'a1b2'.split(r/\\d/) }}|${{ 'a1b2'.split(r/(\\d)/) }}|${{ 'abc'.split(r/b/y) }}", "a,b|a,b,|a,1,b,2,|a,c")]
    [InlineData("${{ 'aBc' | replace(r/b/i, 'x') }}|${{ 'ſ K' | replace(r/[a-z]/gi, '#') }}|${{ 'Ab' | replace(r/(?<n>b)/, '[$<n>]') }}|${{ 'ab' | replace(r/(a)(b)/, '$2$1$0$3') }}", "axc|ſ #|A[b]|ba$0$3")]
    [InlineData("${{ r/[\\d\\s]/g.test('٣') }}|${{ r/[^\\w]/.test('é') }}|${{ r/\\S/.test('\u00a0') }}|${{ r/\\W/.test('_') }}", "false|true|false|false")]
    [InlineData("{% set r = r/x/gi %}${{ r }}|${{ r | dump }}|${{ r.test('X') }}${{ r.test('X') }}", "/x/gi|{}|truefalse")]
    [InlineData("${{ 'aaa'.replace(r/a*?/g, '-') }}|${{ 'abc'.replace(r/(?=b)/g, '|') }}|${{ '😀'.replace(r/./g, '#') }}|${{ '😀'.split(r//) | length }}", "-a-a-a-|a|bc|##|2")]
    [InlineData("{% if false %}${{ r/\\c/ }}{% endif %}${{ r/\\p{L}\\k<x>\\z/.test(\"p{L}kz\") }}|${{ \"a\\u0007\" | replace(r/\\a/, \"#\") }}", "false|#u0007")]
    public void Runs_regexes_as_JavaScript_does(string template, string expected) => Assert.Equal(expected, Render(template));

    [Fact]
    public void A_change_to_a_list_stays_in_its_render()
    {
        var values = new Dictionary<string, object?>
        {
            ["values"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["nums"] = new List<object?> { 3L, 1L, 2L } },
        };
        Assert.Equal("4|1,2,3,9", Renderer.Render("${{ values.nums.push(9) }}|${{ values.nums.sort() }}", "a.txt", values));
        Assert.Equal(2L, Renderer.RenderValue("${{ values.nums.pop() }}", "input", values));
        Assert.Equal("3,1,2", Renderer.Render("${{ values.nums }}", "b.txt", values));
        Assert.Equal(new List<object?> { 3L, 1L, 2L }, ((OrderedDictionary<string, object?>)values["values"]!)["nums"]);
    }
}
