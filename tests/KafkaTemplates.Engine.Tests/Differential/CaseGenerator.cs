using System.Text;

namespace KafkaTemplates.Engine.Tests.Differential;

/// <summary>
/// Writes small random templates over the language Backstage's engine (nunjitsu) supports: every operator and
/// precedence level, short-circuit traps in plain and tag positions, filters and tests with odd inputs, every tag,
/// whitespace control around indented tags, undefined/null/NaN/Infinity/-0, large integers and unicode; string escapes,
/// regex literals and their flags, slices with odd steps, keyword arguments, nested values, list methods that change
/// the list, number formatting, casing beyond ASCII, and the scoping corners of macros, callers and loops. The same
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
         "repo":"github.com?owner=o&repo=r","url":"http://x.io/a b?c=d&e",
         "deep":{"a":{"b":[1,{"c":"d"}]},"k":{"2":"two","1":"one","z":[]}},"matrix":[[1,2,3],[4,5,6]],
         "sig":"ΟΔΥΣΣΕΥΣ ΣΑΣ","special":"ß ŉ ǰ ﬀ ı ſ İ ᾳ","astral":"𐐨a😀Ω","negz":-0.0,"huge":123456789012345678901234567890,
         "maxsafe":9007199254740991,"mixed":[10,9,"b","B",null,true,[2,1]],"words":"one two  three\tfour"}
        """;

    private static readonly string[] Names =
        ["values.s", "values.e", "values.n", "values.f", "values.neg", "values.z", "values.big", "values.tiny", "values.nul",
         "values.t", "values.fa", "values.num", "values.ws", "values.html", "values.u", "values.arr", "values.nums",
         "values.strs", "values.obj", "values.items", "values.missing", "values.obj.a", "values.obj.c", "values.items[0]",
         "values.arr[1]", "values.arr[9]", "values['s']", "values.nums.length", "values.s.length", "x", "loop", "values.missing.deep",
         "values.deep.a.b[1].c", "values.deep.k", "values.deep.a", "values.matrix", "values.matrix[1][2]", "values.sig",
         "values.special", "values.astral", "values.negz", "values.huge", "values.maxsafe", "values.mixed", "values.words",
         "values.items[1].name", "values.deep['k']['2']", "m", "caller", "y"];

    private static readonly string[] Literals =
        ["0", "1", "2", "3", "-1", "1.5", "0.1", "10", "255", "1e3", "2.0", "007", "''", "'a'", "\"b c\"", "'A b'", "'ü'",
         "'😀x'", "'\\u0041'", "'\\n'", "'1'", "'2'", "'x,y'", "true", "false", "none", "null", "True", "None", "[]", "[1, 2]",
         "['a', 'b']", "{}", "{a: 1}", "{'k': 'v', n: 2}", "(1, 2)", "r/a+/g", "r/^b/i", "9007199254740993",
         "1e21", "123456789012345678901", "{'2': 'b', a: 1, '1': 'c'}", "'\u00df'", "'\u0130i'", "0.000001", "2.5",
         "'\\x41'", "'\\u{1F600}'", "'a\\'b'", "\"q\\\"\"", "'\\\\'", "'\\t|\\r'", "'ΑΣ'", "'ΑΣ.Σ'", "'𝒜𝒷'", "'ﬃ'",
         "(0 / 0)", "(1 / 0)", "(-1 / 0)", "(-0)", "(2 ** 64)", "(2 ** 53 + 1)", "12345678901234567890", "1.", "(0.1 + 0.2)",
         "r/a|b/gi", "r/(\\w)(\\d)?/g", "r/x/y", "r/^/m", "r/\\//g", "r/a/gg", "r/a/s", "r/[/]/", "r/(?<n>a)/",
         "[[1, 2], [3]]", "{a: {b: [1]}}", "[none, undefined, 0]", "'${{'", "'%}'"];

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
        ("truncate", ["length=3", "killwords=true, length=4", "3, end='~'"]),
        ("dictsort", ["case_sensitive=true", "by='value'", "reverse=true", "false, 'value', true", "true, 'key'"]),
        ("sort", ["case_sensitive=true", "attribute='name'", "reverse=true, attribute='v'", "true, true", "false, true, 'name'"]),
        ("groupby", ["'v'", "attribute='name'", "'on'", "'missing'"]), ("batch", ["3, fill_with='-'", "0"]),
        ("slice", ["3, fill_with=0", "0"]), ("indent", ["width=4, first=true", "'> '"]), ("center", ["width=8"]),
        ("round", ["precision=2, method='floor'", "2, 'common'"]), ("replace", ["'a', 'b', 1", "r/(a)/gi, '[$1]'"]),
        ("join", ["attribute='name'", "', ', 'v'"]), ("sum", ["attribute='v', start=5"]),
        ("selectattr", ["'name', 'equalto', 'x'", "'v', 'odd'"]), ("rejectattr", ["'v', 'odd'", "'name'"]),
        ("select", ["'divisibleby', 3", "'gt', 1", "'string'"]), ("reject", ["'lt', 2", "'none'"]),
        ("float", ["default=0.5"]), ("urlize", ["10", "5, true"]), ("striptags", ["true"]), ("dump", ["indent=2", "'\\t'"]),
        ("list", []), ("first", []), ("last", []), ("escape", []), ("nl2br", []),
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
                < 19 => $"{Atom()}[{Pick(new[] { "0", "1", "-1", "'a'", "'length'", "1:", ":2", "::-1", "values.n", "::2", "1:-1", "-2:", "5:1:-2", "::0", "::-3", "1:3:'x'", "values.n:", ":-9", "0.5:2", "::values.neg", "-1:-4:-1", "'0'" })}]",
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

    /// <summary>A list method that changes the list, on a value (the next file must not see it) or a literal.</summary>
    private string Mutation() =>
        $"{Pick(new[] { "values.nums", "values.strs", "values.arr", "values.mixed", "values.items", "values.matrix[0]", "[3, 1, 2]", "[]", "values.missing" })}." +
        Pick(new[] { "push(4)", "push(1, 'x')", "pop()", "shift()", "unshift(0)", "unshift()", "splice(1, 1)", "splice(-1)", "splice(0, 0, 'a', 'b')",
            "splice()", "splice(1, values.missing, 9)", "sort()", "reverse()", "fill(0, 1)", "fill(7)", "copyWithin(0, 2)", "copyWithin(-1)",
            "pop(1)", "sort(1)", "push(values.nums)" });

    /// <summary>A regex literal used as JavaScript uses it: lastIndex for g and y, split, substitutions, unicode input.</summary>
    private string RegexUse()
    {
        var regex = $"r/{Pick(new[] { "a", "\\d+", "\\w", "\\s", "\\b", ".", "^b", "c$", "(a)(x)?", "(?<n>b)", "[^\\s]", "\\p{L}", "\\a", "a*?", "(?=b)", "\\S\\B" })}/{Pick(new[] { "", "g", "gi", "y", "gy", "m", "gm", "i" })}";
        var text = Pick(new[] { "values.s", "values.sig", "values.astral", "values.words", "'a1 b22\\nc'", "'\u00a0x\u2028y'", "'aab'", "''", "'١٢ 3'" });
        return Pick(new[]
        {
            $"{regex}.test({text})", $"{text}.replace({regex}, '[$&|$1|$<n>|$$]')", $"{text}.split({regex})", $"{text} | replace({regex}, '#')",
            $"{text}.split({regex}, 2) | length",
        });
    }

    private string Call() => _random.Next(7) switch
    {
        0 => $"range({Pick(new[] { "3", "0", "1, 4", "5, 0, -2", "'3'", "values.n", "2, 8, 3" })}) | join(',')",
        1 => $"'{Pick(new[] { "a b", "x-y", "Q", "a-b-a" })}'.{Pick(new[] { "upper()", "split('-')", "replace('a', 'b')", "length", "startsWith('a')", "split('-', 1)", "substring(2, 0)", "charAt(1)", "charCodeAt(9)", "lastIndexOf('a')", "replace('a', '$&$$')", "slice(-2)", "concat(1, 'x')", "trimEnd()", "indexOf('b', 2)", "endsWith('a', 1)" })}",
        2 => "cycler('a', 'b').next()",
        3 => "joiner()()",
        4 => Pick(new[] { $"values.s.{Pick(new[] { "lower()", "toUpperCase()", "indexOf('b')", "slice(1)" })}",
            $"{Pick(new[] { "values.n", "values.f", "values.neg", "values.tiny", "values.big", "2.5", "(0.5)" })}.{Pick(new[] { "toFixed(1)", "toFixed()", "toString()", "toString(2)", "toFixed(20)" })}",
            $"{Pick(new[] { "values.nums", "values.arr", "values.strs", "[]", "[[1, [2]], 3]", "values.mixed", "values.matrix" })}.{Pick(new[] { "at(-1)", "at(9)", "indexOf(null)", "includes(2.5)", "lastIndexOf(1)", "join()", "join('-')", "slice(1)", "concat([4], 5)", "flat()", "flat(2)" })}",
            $"{Pick(new[] { "values.n", "values.f", "values.tiny", "values.big", "values.huge", "values.neg", "(2 ** 64)", "(1 / 3)", "(0 / 0)", "(-1 / 0)", "123.456", "0.00015", "(-0)", "999.95" })}.{Pick(new[] { "toPrecision(3)", "toPrecision()", "toPrecision(1)", "toPrecision(21)", "toPrecision(0)", "toExponential()", "toExponential(2)", "toExponential(0)", "toExponential(101)", "toPrecision('2')", "toExponential(values.missing)" })}",
            $"{Pick(new[] { "values.sig", "values.special", "values.astral", "'ΑΣ Σ ΑΣʰ'", "values.s" })}.{Pick(new[] { "toLowerCase()", "toUpperCase()", "split('')", "length", "slice(-2)" })}" }),
        5 when Chance(50) => Mutation(),
        5 => RegexUse(),
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

    /// <summary>
    /// Names the compiler ties at compile time: a macro declared inside an if (taken or not), a loop body or a block
    /// and called after it, a caller's parameter named as a macro, a loop over a falsy value reusing the last length.
    /// </summary>
    private string Scoping(string indent)
    {
        string Open(string body) => indent + Tag(body) + "\n";
        var macro = Open("macro m()") + Line("M${{ x }}") + Open("endmacro");
        return _random.Next(6) switch
        {
            0 => Open($"if {Pick(new[] { "true", "false", "values.n > 1", "values.missing" })}") + macro
                 + (Chance(50) ? Open("else") + Open("macro m()") + Line("E") + Open("endmacro") : "") + Open("endif")
                 + Line($"${{{{ m is {Pick(new[] { "defined", "callable", "undefined" })} }}}}|${{{{ m() if m is callable }}}}"),
            1 => Open($"for x in {Pick(new[] { "[1, 2]", "values.nums", "[]", "'ab'" })}") + Open($"if {Pick(new[] { "x == 1", "loop.first", "loop.last", "true" })}") + macro + Open("endif")
                 + Line("[${{ m() if m is callable else '-' }}]") + Open("endfor") + Line("${{ m is defined }}"),
            2 => macro + Open("macro w()") + Line("${{ caller(1) }}") + Open("endmacro")
                 + Open($"call({Pick(new[] { "m", "m=2", "x", "m, x" })}) w()") + Line("${{ m }}|${{ m() if m is callable }}") + Open("endcall"),
            3 => Open($"for xs in {Pick(new[] { "['ab', '']", "[[1, 2], '', none, [3]]", "['', 'c']", "[{}, 0]" })}") + Open("for c in xs") + Line("${{ c }}${{ loop.length }}")
                 + Open("else") + Line("none") + Open("endfor") + Open("endfor"),
            4 => Open("block b") + macro + Open("set x = 'B'") + Open("endblock") + Line("${{ m() }}|${{ x }}"),
            _ => Open("set x = 1") + Open("macro r()") + Line("${{ x }}") + Open("endmacro") + Open("for i in [1]") + Open("set x = 2") + Line("${{ r() }}")
                 + Open("endfor") + Line("${{ r() }}|${{ x }}"),
        };
    }

    private string Statement(int depth)
    {
        var indent = Indent();
        string Open(string body) => indent + Tag(body) + "\n";
        string Body() => Block(depth) + "\n";
        return _random.Next(21) switch
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
            < 15 => Open($"set y = {Mutation()}") + Line($"${{{{ y }}}}|${{{{ {Pick(new[] { "values.nums", "values.strs", "values.arr", "values.mixed", "values.items | length", "values.matrix" })} }}}}"),
            < 16 => Scoping(indent),
            < 17 => Open($"macro m({Pick(new[] { "a, b='B'", "a, a", "a=1, a=2", "a, a=9", "", "caller", "x, y=x" })})")
                    + Line($"${{{{ a }}}}-${{{{ b }}}}-${{{{ x }}}}-${{{{ y }}}}{(Chance(30) ? "-${{ caller() }}" : "")}") + Open("endmacro")
                    + Line($"${{{{ m({Pick(new[] { "", "1", "1, 2", "1, 2, 3", "b=5", "a=4, 6", "y=1", "caller=7" })}) }}}}")
                    + (Chance(40) ? Open($"call({Pick(new[] { "", "a", "m", "a, a", "x=2", "m=1" })}) m({Pick(new[] { "", "1", "b=2" })})") + Line("<${{ a }}${{ m }}${{ x }}>") + Open("endcall") : ""),
            < 18 => Open($"switch {Pick(new[] { "values.n", "1", "'a'", "values.missing", "none" })}") + Open($"case {Pick(new[] { "3", "1", "'a'" })}")
                    + Open($"case {Pick(new[] { "values.n", "2", "none", "values.missing" })}") + Body()
                    + (Chance(50) ? Open("case 1") + Open("default") + Body() : "") + Open("endswitch"),
            < 19 => Open($"for {Pick(new[] { "a, b, c", "k, v", "a, b", "x" })} in {Pick(new[] { "values.matrix", "values.obj", "'ab'", "values.items", "[[1], 'xy', none]", "[]", "''", "values.deep.k", "{length: 2, '0': 'z'}" })}")
                    + Line("(${{ a }},${{ b }},${{ c }},${{ k }},${{ v }},${{ x }},${{ loop.revindex }},${{ loop.first }},${{ loop.last }},${{ loop.length }})")
                    + (Chance(40) ? Open($"set {Pick(new[] { "a", "k", "x" })} = 9") : "")
                    + (Chance(30) ? Open("else") + Body() : "") + Open("endfor") + Line("${{ a }}|${{ k }}|${{ x }}"),
            < 20 => Open($"block b{_random.Next(3)}") + Body() + Open("endblock"),
            _ => indent + Pick(new[] { "{# c #}", "{#- c -#}", "{# ${{ x }} #}" }) + "\n",
        };
    }
}
