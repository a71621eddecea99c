using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Testing;
using Xunit;

namespace KafkaTemplates.Engine.Tests.Differential;

/// <summary>
/// Our upper and lower casing against node's, which nunjitsu's <c>upper</c>, <c>lower</c>, <c>capitalize</c>,
/// <c>title</c>, the case tests and the string methods use: every code point of every plane, and capital sigma
/// beside every cased and case-ignorable one (final sigma).
/// </summary>
public sealed class JsCaseMappingTests
{
    private static readonly Lazy<JsonNode> Table = new(() =>
    {
        var script = RepoRoot.Combine("tests", "KafkaTemplates.Engine.Tests", "Differential", "js-case-table.mjs");
        var result = ProcessRunner.RunAsync(Tool.Find("node"), [script]).GetAwaiter().GetResult();
        if (result.ExitCode != 0) throw new InvalidOperationException($"node failed ({result.ExitCode}): {result.StandardError}");
        return JsonNode.Parse(result.StandardOutput)!;
    });

    [Fact]
    public void Every_code_point_maps_as_in_node()
    {
        var map = Table.Value["map"]!.AsObject();
        var differences = new List<string>();
        for (var cp = 0; cp <= 0x10FFFF; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var text = char.ConvertFromUtf32(cp);
            var (lower, upper) = map[cp.ToString(System.Globalization.CultureInfo.InvariantCulture)] is JsonArray pair
                ? (pair[0]!.GetValue<string>(), pair[1]!.GetValue<string>())
                : (text, text);
            if (JsCase.Lower(text) != lower) differences.Add($"U+{cp:X4} lower: node {Hex(lower)}, ours {Hex(JsCase.Lower(text))}");
            if (JsCase.Upper(text) != upper) differences.Add($"U+{cp:X4} upper: node {Hex(upper)}, ours {Hex(JsCase.Upper(text))}");
        }
        Assert.True(differences.Count == 0, $"{differences.Count} code points map differently from node (Unicode {Table.Value["unicode"]}); " +
            "regenerate JsCaseData from node if its Unicode version moved:\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public void Capital_sigma_lower_cases_as_in_node()
    {
        var differences = Table.Value["contextual"]!.AsArray()
            .Select(p => (Text: p![0]!.GetValue<string>(), Lower: p[1]!.GetValue<string>()))
            .Where(p => JsCase.Lower(p.Text) != p.Lower)
            .Select(p => $"{Hex(p.Text)}: node {Hex(p.Lower)}, ours {Hex(JsCase.Lower(p.Text))}")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} texts lower-case differently from node:\n" + string.Join("\n", differences.Take(40)));
    }

    [Fact]
    public void Lone_surrogates_stay_as_they_are()
    {
        Assert.Equal("a\uD800b\uDC00", JsCase.Lower("A\uD800B\uDC00"));
        Assert.Equal("\uDC00A\uD800", JsCase.Upper("\uDC00a\uD800"));
    }

    private static string Hex(string s) => string.Join(" ", s.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
