using System.Text;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Tests.Fixtures;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Tests.Yaml;

/// <summary>
/// The one reader of untrusted YAML and JSON holds every input to its limits, so no file can hang the tool or exhaust
/// its memory. The attack inputs are generated here, never shipped.
/// </summary>
public class InputLimitsTests
{
    /// <summary>The classic "billion laughs": each level names the one below ten times, 10^9 values from a few hundred bytes.</summary>
    internal static string AliasBomb(int levels = 9)
    {
        var yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= levels; i++)
            yaml.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        return yaml.ToString();
    }

    [Fact]
    public void An_alias_bomb_is_refused_before_it_expands()
    {
        var e = Assert.Throws<InputLimitException>(() => YamlReader.Read(AliasBomb(), "values.yaml"));

        Assert.StartsWith("values.yaml:", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than 200,000 values, keys and items (aliases and merge keys expanded)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_key_bomb_is_refused_too()
    {
        var yaml = new StringBuilder("m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}\n");
        for (var i = 1; i <= 8; i++)
            yaml.Append($"m{i}: &m{i} {{{string.Join(", ", Enumerable.Range(0, 10).Select(k => $"k{k}: {{<<: *m{i - 1}}}"))}}}\n");

        Assert.Throws<InputLimitException>(() => YamlReader.Read(yaml.ToString(), "answers.yaml"));
    }

    [Fact]
    public void Aliases_within_the_limits_still_expand()
    {
        var doc = YamlReader.Read("base: &b {size: 3}\nbroker:\n  <<: *b\n  name: x\ncopy: *b\n", "values.yaml");

        Assert.Equal("""{"base":{"size":3},"broker":{"size":3,"name":"x"},"copy":{"size":3}}""", doc.Root!.ToJsonString());
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{a: ", "}")]
    [InlineData("- ", "")]
    public void Nesting_deeper_than_the_limit_is_refused_without_exhausting_the_stack(string open, string close)
    {
        var depth = open == "- " ? 200 : 100_000;
        var yaml = open == "- "
            ? string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i * 2) + "-\n"))
            : string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));

        var e = Assert.Throws<InputLimitException>(() => YamlReader.Read(yaml, "deep.yaml"));

        Assert.Contains("nests deeper than 64 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_refused_unread()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path)) file.SetLength(InputLimits.Default.MaxBytes + 1);

            var e = Assert.Throws<InputLimitException>(() => YamlReader.ReadFile(path, "helm/values.yaml"));

            Assert.Equal("helm/values.yaml: the file is larger than 8 MiB, the most this tool reads; is it the right file?", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_device_that_never_ends_is_refused_at_the_limit()
    {
        var e = Assert.Throws<InputLimitException>(() => BoundedFile.ReadText("/dev/zero", "--values /dev/zero", InputLimits.Default with { MaxBytes = 1024 * 1024 }));

        Assert.Contains("larger than 1 MiB", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("v: 0o7777777777777777777777777", "0o7777777777777777777777777")]
    [InlineData("v: 0xFFFFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFFFFF")]
    [InlineData("v: 1e999", "1e999")]
    public void Numbers_too_large_to_hold_stay_text_instead_of_crashing(string yaml, string text)
    {
        Assert.Equal(text, YamlReader.Read(yaml, "a.yaml").Root!["v"]!.GetValue<string>());
        Assert.Equal(text, YamlReader.Read(yaml, "a.yaml", YamlReadOptions.Kubernetes).Root!["v"]!.GetValue<string>());
    }

    [Fact]
    public void Duplicate_keys_are_refused_in_the_tools_files_and_the_last_wins_in_rendered_manifests_as_in_go()
    {
        Assert.Contains("duplicate key 'a'", Assert.Throws<YamlFormatException>(() => YamlReader.Read("a: 1\na: 2\n", "x.yaml")).Message, StringComparison.Ordinal);
        Assert.Equal(2, YamlReader.Read("a: 1\na: 2\n", "x.yaml", YamlReadOptions.Kubernetes).Root!["a"]!.GetValue<long>());
    }

    [Fact]
    public void A_huge_value_is_quoted_back_shortened()
    {
        var quoted = InputLimits.Default.Quote(new string('x', 50_000_000));

        Assert.Equal(80 + "... (50,000,000 characters)".Length, quoted.Length);
        Assert.EndsWith("... (50,000,000 characters)", quoted, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_with_duplicate_keys_invalid_utf8_or_deep_nesting_is_refused_with_where()
    {
        var duplicate = Assert.Throws<YamlFormatException>(() => JsonInput.Parse("""{"values": {"a": 1, "a": 2}}"""u8, "the request body"));
        Assert.Contains("Duplicate property 'a'", duplicate.Problem, StringComparison.Ordinal);

        byte[] invalid = [.. "{\"name\": \""u8, 0xff, 0xfe, .. "\"}"u8];
        var utf8 = Assert.Throws<YamlFormatException>(() => JsonInput.Parse(invalid, "the request body"));
        Assert.Equal(new SourceMark("the request body", 1, 11), utf8.Mark);
        Assert.Contains("not valid UTF-8", utf8.Problem, StringComparison.Ordinal);

        var deep = Encoding.UTF8.GetBytes(new string('[', 1000) + new string(']', 1000));
        Assert.Throws<YamlFormatException>(() => JsonInput.Parse(deep, "the request body"));

        var many = Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("1", 300_000)) + "]");
        Assert.Throws<InputLimitException>(() => JsonInput.Parse(many, "the request body"));
    }

    [Fact]
    public void Many_unknown_answers_are_counted_and_only_the_first_described()
    {
        var template = new EngineServices().Loader.Load(FixtureTemplates.Path("TemplateWithValidatedParameters"));
        var input = new AnswerInput();
        for (var i = 0; i < 100_000; i++) input.FromFile["unknown" + i] = i;
        input.FromFile[new string('k', 5_000_000)] = "v";
        input.FromSet.Add(new("name", "payments"));

        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(template.Parameters, input));

        Assert.Equal(InputLimits.Default.MaxErrors, e.Violations.Count);
        Assert.Equal(100_001, e.Count);
        Assert.Contains("... and 99981 more", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 20_000, $"the message is {e.Message.Length} characters long");
    }

    [Fact]
    public void A_huge_value_is_shown_shortened_in_a_violation()
    {
        var template = new EngineServices().Loader.Load(FixtureTemplates.Path("TemplateWithValidatedParameters"));
        var input = new AnswerInput();
        input.FromFile["name"] = new string('X', 5_000_000);

        var e = Assert.Throws<ParameterException>(() => ParameterBinder.Bind(template.Parameters, input));

        Assert.All(e.Violations, v => Assert.True((v.Value?.Length ?? 0) < 200, v.ToString()));
    }

    [Theory]
    [InlineData("nmae", "name")]
    [InlineData("BROKERS", "brokers")]
    [InlineData("zzzzzzzz", null)]
    public void Suggestions_come_from_one_edit_distance_that_ignores_case(string typed, string? suggested) =>
        Assert.Equal(suggested, EditDistance.Closest(typed, ["name", "brokers", "owner"]));

    [Fact]
    public void The_edit_distance_stops_early_on_a_hostile_word()
    {
        var huge = new string('a', 10_000_000);
        Assert.Equal(3, EditDistance.Between(huge, "name", 2));
        Assert.Null(EditDistance.Closest(huge, ["name", "brokers"]));
    }
}
