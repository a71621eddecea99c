using System.Text;

namespace KafkaTemplates.Engine.Tests.Differential;

/// <summary>
/// Writes small random templates over the language Backstage's engine (nunjitsu) supports: every operator and
/// precedence level, short-circuit traps in plain and tag positions, filters and tests with odd inputs, every tag,
/// whitespace control around indented tags, undefined/null/NaN/Infinity/-0, large integers and unicode. The same
/// seed always writes the same cases, so a failure names its seed and index.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>The values every case renders with, under <c>values</c> as fetch:template passes them.</summary>
    public const string ValuesJson = """
        {"s":"Ab c","e":"","n":3,"f":1.5,"neg":-3,"z":0,"big":9007199254740993,"tiny":0.000001,"nul":null,"t":true,"fa":false,
         "num":"42","ws":"  a b  ","html":"<a href=\"x\">&'</a>","u":"ü日😀","arr":[1,"b",null,2.5],"nums":[3,1,2],
         "strs":["b","A","a"],"obj":{"a":1,"b":"x","c":null},
         "items":[{"name":"x","v":2,"on":true},{"name":"y","v":1,"on":false},{"name":"x","v":3}],
         "repo":"github.com?owner=o&repo=r","url":"http://x.io/a b?c=d&e"}
        """;

    private static readonly string[] Names =
        ["values.s", "values.e", "values.n", "values.f", "values.neg", "values.z", "values.big", "values.tiny", "values.nul",
         "values.t", "values.fa", "values.num", "values.ws", "values.html", "values.u", "values.arr", "values.nums",
         "values.strs", "values.obj", "values.items", "values.missing", "values.obj.a", "values.obj.c", "values.items[0]",
         "values.arr[1]", "values.arr[9]", "values['s']", "values.nums.length", "values.s.length", "x", "loop", "values.missing.deep"];

    private static readonly string[] Literals =
        ["0", "1", "2", "3", "-1", "1.5", "0.1", "10", "255", "1e3", "2.0", "007", "''", "'a'", "\"b c\"", "'A b'", "'ü'",
         "'😀x'", "'\\u0041'", "'\\n'", "'1'", "'2'", "'x,y'", "true", "false", "none", "null", "True", "None", "[]", "[1, 2]",
         "['a', 'b']", "{}", "{a: 1}", "{'k': 'v', n: 2}", "(1, 2)", "r/a+/g", "r/^b/i", "9007199254740993",
         "1e21", "123456789012345678901", "{'2': 'b', a: 1, '1': 'c'}", "'\u00df'", "'\u0130i'", "0.000001", "2.5"];

    private static readonly string[] BinaryOperators =
        ["+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "===", "!==", "<", ">", "<=", ">=", "in", "not in", "and", "or"];

    private static readonly (string Name, string[] Args)[] Filters =
    [
        ("abs", []), ("batch", ["2", "2, 'x'"]), ("capitalize", []), ("center", ["", "9"]), ("default", ["'d'", "'d', true"]),
        ("d", ["1"]), ("dictsort", ["", "true", "false, 'value'"]), ("dump", ["", "2"]), ("escape", []), ("e", []),
        ("first", []), ("float", ["", "1.5"]), ("forceescape", []), ("groupby", ["'name'"]), ("indent", ["", "2", "2, true"]),
        ("int", ["", "7", "0, 16"]), ("join", ["", "','", "'-', 'name'"]), ("last", []), ("length", []), ("list", []),
        ("lower", []), ("nl2br", []), ("reject", ["'odd'", ""]), ("rejectattr", ["'on'"]), ("replace", ["'a', 'b'", "'', '-'", "r/b/g, 'X'"]),
        ("reverse", []), ("round", ["", "1", "0, 'floor'", "1, 'ceil'"]), ("safe", []), ("select", ["'odd'", ""]),
        ("selectattr", ["'on'", "'v', 'gt', 1"]), ("slice", ["2", "3, 0"]), ("sort", ["", "true", "false, false, 'v'"]),
        ("string", []), ("striptags", []), ("sum", ["", "'v'", "'v', 10"]), ("title", []), ("trim", []),
        ("truncate", ["3", "5, true", "-1", "4, false, '!'"]), ("upper", []), ("urlencode", []), ("urlize", []),
        ("wordcount", []), ("count", []), ("unique", []), ("sort", ["reverse=true", "false, attribute='v'"]),
        ("int", ["base=2", "default=7, 2"]), ("default", ["value='x'", "'d', boolean=true"]), ("join", ["d=','"]),
        ("truncate", ["length=3"]),
    ];

    private static readonly (string Name, string[] Args)[] Tests =
    [
        ("defined", []), ("undefined", []), ("null", []), ("number", []), ("string", []), ("odd", []), ("even", []),
        ("divisibleby", ["3"]), ("eq", ["3"]), ("equalto", ["'x'"]), ("ne", ["1"]), ("gt", ["1"]), ("ge", ["2"]),
        ("lt", ["2"]), ("le", ["2"]), ("greaterthan", ["0"]), ("lessthan", ["0"]), ("sameas", ["none"]), ("truthy", []),
        ("falsy", []), ("iterable", []), ("mapping", []), ("callable", []), ("escaped", []), ("lower", []), ("upper", []),
    ];

    /// <summary>An expression that fails in both engines if it is evaluated; short-circuit must skip it.</summary>
    private static readonly string[] Traps = ["('x' in 5)", "range(99999999) | length", "values.missing.deep.er", "(1 | upper)"];

    private int _depth;

    public string Next()
    {
        _depth = 0;
        return _random.Next(10) switch
        {
            < 3 => Text() + Output() + Text(),
            < 5 => Output() + Text() + Output(),
            _ => Block(2),
        };
    }

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Ws() => Pick(new[] { " ", " ", " ", "", "  ", "\n" });

    private string Text() => Pick(new[] { "", "", "a", " ", "\n", "x\n", "  ", "\n  ", "- ", "k: ", "\n\n", "ü", "}", "{", "$", "#" });

    private string Output()
    {
        var open = Chance(15) ? "${{-" : "${{";
        var close = Chance(15) ? "-}}" : "}}";
        return $"{open} {Expression()} {close}";
    }

    public string Expression()
    {
        _depth++;
        try
        {
            if (_depth > 3) return Atom();
            return _random.Next(20) switch
            {
                < 4 => Atom(),
                < 9 => $"{Expression()} {Pick(BinaryOperators)} {Expression()}",
                < 10 => $"{Pick(new[] { "not ", "-", "+", "not not " })}{Expression()}",
                < 13 => Filtered(Expression()),
                < 14 => $"{Expression()} is {(Chance(25) ? "not " : "")}{TestCall()}",
                < 15 => $"{Expression()} if {Expression()}{(Chance(70) ? " else " + Expression() : "")}",
                < 17 => ShortCircuit(),
                < 18 => $"({Expression()})",
                < 19 => $"{Atom()}[{Pick(new[] { "0", "1", "-1", "'a'", "'length'", "1:", ":2", "::-1", "values.n" })}]",
                _ => Call(),
            };
        }
        finally { _depth--; }
    }

    private string ShortCircuit() => _random.Next(5) switch
    {
        0 => $"{Pick(new[] { "0", "false", "''", "values.z", "values.missing", "none" })} and {Pick(Traps)}",
        1 => $"{Pick(new[] { "1", "true", "'x'", "values.s", "values.n" })} or {Pick(Traps)}",
        2 => $"{Expression()} if {Pick(new[] { "true", "1", "values.t" })} else {Pick(Traps)}",
        3 => $"{Pick(Traps)} if {Pick(new[] { "false", "0", "values.fa", "values.missing" })} else {Expression()}",
        _ => $"{Pick(Traps)} if false",
    };

    private string Atom() => _random.Next(3) == 0 ? Pick(Literals) : Pick(Names);

    private string Filtered(string target)
    {
        var (name, args) = Pick(Filters);
        var arg = args.Length == 0 ? "" : Pick(args);
        var target2 = target.Contains(' ') ? $"({target})" : target;
        return arg.Length == 0 && Chance(80) ? $"{target2} | {name}" : $"{target2} | {name}({arg})";
    }

    private string TestCall()
    {
        var (name, args) = Pick(Tests);
        return args.Length == 0 ? name : Chance(70) ? $"{name}({Pick(args)})" : $"{name} {Pick(args)}";
    }

    private string Call() => _random.Next(6) switch
    {
        0 => $"range({Pick(new[] { "3", "0", "1, 4", "5, 0, -2", "'3'", "values.n", "2, 8, 3" })}) | join(',')",
        1 => $"'{Pick(new[] { "a b", "x-y", "Q", "a-b-a" })}'.{Pick(new[] { "upper()", "split('-')", "replace('a', 'b')", "length", "startsWith('a')", "split('-', 1)", "substring(2, 0)", "charAt(1)", "charCodeAt(9)", "lastIndexOf('a')", "replace('a', '$&$$')", "slice(-2)", "concat(1, 'x')", "trimEnd()", "indexOf('b', 2)", "endsWith('a', 1)" })}",
        2 => "cycler('a', 'b').next()",
        3 => "joiner()()",
        4 => Pick(new[] { $"values.s.{Pick(new[] { "lower()", "toUpperCase()", "indexOf('b')", "slice(1)" })}",
            $"{Pick(new[] { "values.n", "values.f", "values.neg", "values.tiny", "values.big", "2.5", "(0.5)" })}.{Pick(new[] { "toFixed(1)", "toFixed()", "toString()", "toString(2)", "toFixed(20)" })}",
            $"{Pick(new[] { "values.nums", "values.arr", "values.strs", "[]", "[[1, [2]], 3]" })}.{Pick(new[] { "at(-1)", "at(9)", "indexOf(null)", "includes(2.5)", "lastIndexOf(1)", "join()", "join('-')", "slice(1)", "concat([4], 5)", "flat()", "flat(2)" })}" }),
        _ => $"{Pick(Names)}()",
    };

    private string Tag(string body, bool trimLeft = false, bool trimRight = false) =>
        $"{{%{(trimLeft || Chance(15) ? "-" : "")} {body} {(trimRight || Chance(15) ? "-" : "")}%}}";

    private string Indent() => Pick(new[] { "", "", "  ", "    ", "\t" });

    /// <summary>A line-oriented block, as YAML templates are written: tags on their own, possibly indented, lines.</summary>
    private string Block(int depth)
    {
        var sb = new StringBuilder();
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Text());
            sb.Append(depth <= 0 || Chance(35) ? Output() : Statement(depth - 1));
        }
        sb.Append(Text());
        return sb.ToString();
    }

    private string Line(string content) => Indent() + content + "\n";

    private string Statement(int depth)
    {
        var indent = Indent();
        string Open(string body) => indent + Tag(body) + "\n";
        string Body() => Block(depth) + "\n";
        return _random.Next(14) switch
        {
            < 3 => Open($"if {Expression()}") + Body()
                   + (Chance(40) ? Open($"elif {Expression()}") + Body() : "")
                   + (Chance(50) ? Open("else") + Body() : "") + Open("endif"),
            < 5 => Open($"for {Pick(new[] { "x", "x", "k, v", "a, b" })} in {Pick(new[] { "values.items", "values.nums", "values.obj", "values.arr", "values.s", "values.missing", "[]", "range(3)", "values.strs | sort", "{a: 1, b: 2}", "[[1, 2], [3, 4]]", "values.n" })}")
                   + Block(depth).Replace("values.missing", Chance(50) ? "x" : "loop.index") + "\n"
                   + (Chance(30) ? Open("else") + Body() : "") + Open("endfor"),
            < 6 => Open($"set {Pick(new[] { "x", "y", "x, y" })} = {Expression()}") + Line(Output()),
            < 7 => Open($"set {Pick(new[] { "x", "y" })}") + Body() + Open("endset") + Line("${{ x }}|${{ y }}"),
            < 8 => Open($"raw") + Line(Pick(new[] { "${{ a }}", "{% if %}", "{{ x }}", "{# c #}" })) + Open("endraw"),
            < 9 => Open("verbatim") + Line("{% raw %}${{ v }}{% endraw %}") + Open("endverbatim"),
            < 10 => Open($"switch {Expression()}") + Open($"case {Pick(Literals)}") + Body()
                    + (Chance(50) ? Open($"case {Pick(Names)}") + Body() : "") + (Chance(60) ? Open("default") + Body() : "") + Open("endswitch"),
            < 11 => Open($"macro m(a, b='B')") + Line("${{ a }}-${{ b }}") + Open("endmacro")
                    + Line($"${{{{ m({Expression()}) }}}}${{{{ m(1, b={Expression()}) }}}}"),
            < 12 => Open("macro w(t)") + Line("[${{ caller() }}|${{ t }}]") + Open("endmacro") + Open($"call w({Expression()})") + Body() + Open("endcall"),
            < 13 => Open($"filter {Pick(new[] { "upper", "trim", "replace('a', 'b')", "length", "indent(2)", "center(20)", "striptags" })}") + (Chance(30) ? Open($"set y = {Expression()}") : "") + Body() + Open("endfilter") + (Chance(30) ? Line("${{ y }}") : ""),
            _ => indent + Pick(new[] { "{# c #}", "{#- c -#}", "{# ${{ x }} #}" }) + "\n",
        };
    }
}
