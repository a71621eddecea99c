using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Tests.Fixtures;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Tests.Steps;

/// <summary>
/// Values a user controls must land as inert text: no new YAML keys, no paths outside the output folder, no
/// template code evaluated. The fixture template has no schema rules, so nothing is rejected before rendering.
/// </summary>
public class HostileValuesTests
{
    private static readonly EngineServices Engine = new();

    private static Task<ScaffoldResult> Run(string name, string description)
    {
        var template = Engine.Loader.Load(FixtureTemplates.Path("TemplateWithHostileValues"));
        var input = new AnswerInput();
        input.FromSet.Add(new("name", name));
        input.FromSet.Add(new("description", description));
        return Engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null);
    }

    public static TheoryData<string> HostileDescriptions() => new()
    {
        "line one\nextra: key",
        "\"quoted\": yes\n- list",
        "{{ .Values.secret }}",
        "${{ values.name }} ${{ parameters.name }}",
        "{% for x in range(0, 100000) %}x{% endfor %}",
        "{# comment",
        "text: with # hash and 'quotes'\r\n",
        "--- !!python/object:os.system",
    };

    [Theory]
    [MemberData(nameof(HostileDescriptions))]
    public async Task A_hostile_value_lands_as_inert_text(string description)
    {
        var result = await Run("safe", description);

        Assert.Equal("description: " + description + "\n", result.Files["notes.txt"].ReadText());

        // The answers file and the catalog entity read back to exactly the given value, with no extra keys.
        var answers = AnswersFile.Parse(result.Files[AnswersFile.FileName].ReadText(), "answers");
        Assert.Equal(["name", "description"], answers.Answers.Select(a => a.Key));
        Assert.Equal(description, answers.Answers["description"]!.GetValue<string>());
        var entity = (JsonObject)YamlReader.Read(result.Files["catalog-info.yaml"].ReadText(), "catalog-info.yaml").Root!;
        Assert.Equal(["metadata"], entity.Select(kv => kv.Key));
        Assert.Equal(["name", "description"], ((JsonObject)entity["metadata"]!).Select(kv => kv.Key));
        Assert.Equal(description, entity["metadata"]!["description"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("../../escaped")]
    [InlineData("a/../../b")]
    public async Task A_value_cannot_move_a_file_outside_the_output_folder(string name)
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => Run(name, "x"));
        Assert.StartsWith("step 'fetch': Refusing path 'files/", e.Message, StringComparison.Ordinal);
        Assert.Contains("the path leaves the output folder (..)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x/.git/hooks/post-checkout")]
    [InlineData("x/.GIT/config")]
    [InlineData("x/.git./config")]
    [InlineData("x/.git /config")]
    [InlineData("x/.g\u200cit/config")]
    [InlineData("x/GIT~1/config")]
    public async Task A_value_cannot_write_into_a_git_folder_in_any_spelling_a_file_system_or_git_reads_as_dot_git(string name)
    {
        // .git/config and .git/hooks name commands git runs; new --force and upgrade write into a live repo.
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => Run(name, "x"));
        Assert.Contains("the path goes into .git", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_longer_than_a_file_system_takes_is_refused_when_rendered_and_quoted_short()
    {
        var e = await Assert.ThrowsAsync<ScaffoldException>(() => Run(new string('n', 300), "x"));
        Assert.Contains($"longer than {RepoPath.MaxNameBytes} bytes", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.Length < 400, e.Message);
        var deep = string.Join('/', Enumerable.Repeat(new string('d', 200), 8));
        Assert.Contains($"longer than {RepoPath.MaxPathBytes} bytes", (await Assert.ThrowsAsync<ScaffoldException>(() => Run(deep, "x"))).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(".github/workflows/ci")]
    [InlineData(".gitignore-extra")]
    [InlineData("git/config")]
    public async Task Names_that_only_look_like_git_are_written(string name)
    {
        var result = await Run(name, "x");
        Assert.Contains($"files/{name}.txt", result.Files.Paths);
    }

    [Fact]
    public async Task An_absolute_value_in_a_path_makes_the_file_skipped_as_in_Backstage()
    {
        // "files/${{ values.name }}.txt" with name "/etc/passwd" renders "files//etc/passwd.txt": the // means skip.
        var result = await Run("/etc/passwd", "x");
        Assert.DoesNotContain(result.Files.Paths, p => p.Contains("passwd", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_value_with_slashes_inside_the_folder_stays_inside()
    {
        var result = await Run("nested/name", "x");
        Assert.NotNull(result.Files.Find("files/nested/name.txt"));
        Assert.All(result.Files.Paths, p => Assert.True(RepoPath.TryNormalize(p, out _, out _)));
    }
}
