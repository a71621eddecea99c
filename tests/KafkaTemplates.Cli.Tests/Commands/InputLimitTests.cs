using System.Text;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary>
/// Untrusted YAML reaches every command through the one reader and its limits: an alias bomb, a file without end or
/// one too large is bad input (exit 2) with the file and the limit named, never a hang or an out-of-memory crash.
/// The attack inputs are generated here.
/// </summary>
public class InputLimitTests
{
    private static string AliasBomb()
    {
        var yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++) yaml.Append($"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n");
        return yaml.ToString();
    }

    private const string AliasLimit = "more than 200,000 values, keys and items (aliases and merge keys expanded)";

    private static async Task<(CliRun Run, string Repo)> RepoAsync(TempFolder temp)
    {
        var run = new CliRun { WorkingDirectory = temp.Path, Variables = new() { ["CI"] = "true", ["PATH"] = "" } };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("new", "hypertrace-kafka", "-o", "payments", "--no-validate"));
        return (new CliRun { WorkingDirectory = temp.Path, Variables = new() { ["CI"] = "true", ["PATH"] = Path.GetDirectoryName(Tool.Helm)!, ["HOME"] = temp.Path } },
            temp.Combine("payments"));
    }

    [Fact]
    public async Task New_refuses_an_alias_bomb_in_a_values_file()
    {
        using var temp = new TempFolder("bomb");
        temp.Write("answers.yaml", AliasBomb());
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "answers.yaml"));

        run.ErrorShows("--values: answers.yaml:");
        run.ErrorShows(AliasLimit);
        Assert.False(Directory.Exists(temp.Combine("repo")));
    }

    [Fact]
    public async Task New_refuses_a_values_file_that_is_not_utf8_instead_of_writing_replacement_characters()
    {
        // Before, the bytes became U+FFFD and landed in the answers file and the README.
        using var temp = new TempFolder("utf8");
        File.WriteAllBytes(temp.Combine("answers.yaml"), [.. "description: \"caf"u8, 0xE9, .. " team\"\n"u8]);
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--set", "owner=payments", "--values", "answers.yaml", "--no-validate"));

        run.ErrorShows("--values: answers.yaml:1:18: the file is not valid UTF-8 (byte 18 cannot start or continue a character); save it as UTF-8");
        Assert.False(Directory.Exists(temp.Combine("repo")));
    }

    [Fact]
    public async Task New_reads_values_files_with_a_byte_order_mark_in_utf8_and_utf16()
    {
        using var temp = new TempFolder("bom");
        File.WriteAllBytes(temp.Combine("utf8.yaml"), [0xEF, 0xBB, 0xBF, .. "description: café\n"u8]);
        File.WriteAllBytes(temp.Combine("utf16.yaml"), [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("owner: payments\n")]);
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.Success, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "utf8.yaml", "--values", "utf16.yaml", "--no-validate"));

        var answers = AnswersFile.Read(temp.Combine("repo", AnswersFile.FileName));
        Assert.Equal(("café", "payments"), (answers.Answers["description"]!.GetValue<string>(), answers.Answers["owner"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Diff_and_upgrade_refuse_an_answers_file_that_is_not_utf8()
    {
        using var temp = new TempFolder("utf8-answers");
        var (run, repo) = await RepoAsync(temp);
        var answers = Path.Combine(repo, AnswersFile.FileName);
        var bytes = File.ReadAllBytes(answers).ToList();
        var at = Encoding.UTF8.GetString([.. bytes]).IndexOf("description: \"", StringComparison.Ordinal) + "description: \"".Length;
        bytes.Insert(at, 0xFF);
        File.WriteAllBytes(answers, [.. bytes]);
        var before = File.ReadAllBytes(answers);

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("upgrade", repo, "--allow-dirty"));
        run.ErrorShows("is not valid UTF-8");
        Assert.Equal(before, File.ReadAllBytes(answers));
        Assert.NotEqual(ExitCodes.Success, await run.RunAsync("diff", repo));
        run.ErrorShows("is not valid UTF-8");
    }

    [Fact]
    public async Task New_refuses_a_values_file_without_end()
    {
        using var temp = new TempFolder("zero");
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "/dev/zero"));

        run.ErrorShows("/dev/zero: the file is larger than 8 MiB, the most this tool reads");
    }

    [Fact]
    public async Task New_lists_the_first_unknown_answers_of_many_and_counts_the_rest()
    {
        using var temp = new TempFolder("many");
        var yaml = new StringBuilder();
        for (var i = 0; i < 50_000; i++) yaml.Append("unknown").Append(i).Append(": 1\n");
        temp.Write("answers.yaml", yaml.ToString());
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "answers.yaml"));

        run.ErrorShows("50000 invalid answers:");
        run.ErrorShows("unknown19 is not a parameter of this template");
        run.ErrorShows("... and 49980 more");
        Assert.True(run.Error.Output.Length < 20_000, $"the error output is {run.Error.Output.Length} characters long");
    }

    [Fact]
    public async Task New_quotes_a_huge_value_back_shortened()
    {
        using var temp = new TempFolder("huge");
        temp.Write("answers.yaml", "name: " + new string('N', 1_000_000) + "\n");
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "answers.yaml"));

        run.ErrorShows("... (1,000,002 characters)");
        Assert.True(run.Error.Output.Length < 5_000, $"the error output is {run.Error.Output.Length} characters long");
    }

    [Fact]
    public async Task Validate_refuses_a_bomb_or_a_huge_values_yaml_naming_the_file()
    {
        using var temp = new TempFolder("validate-bomb");
        var (run, repo) = await RepoAsync(temp);
        File.WriteAllText(Path.Combine(repo, "helm", "values.yaml"), AliasBomb());

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("validate", "payments"));
        run.ErrorShows("helm/values.yaml:");
        run.ErrorShows(AliasLimit);

        using (var file = File.OpenWrite(Path.Combine(repo, "helm", "values.yaml"))) file.SetLength(9 * 1024 * 1024);
        var huge = new CliRun { WorkingDirectory = temp.Path, Variables = run.Variables };
        Assert.Equal(ExitCodes.BadInput, await huge.RunAsync("validate", "payments"));
        huge.ErrorShows("helm/values.yaml: the file is larger than 8 MiB");
    }

    [Fact]
    public async Task Install_refuses_a_bomb_before_helm_or_a_cluster_is_involved()
    {
        using var temp = new TempFolder("install-bomb");
        var (run, repo) = await RepoAsync(temp);
        File.WriteAllText(Path.Combine(repo, "helm", "values.yaml"), AliasBomb());

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("install", "payments", "--dry-run"));

        run.ErrorShows("helm/values.yaml is not valid YAML: helm/values.yaml:");
        run.ErrorShows(AliasLimit);
    }

    [Fact]
    public async Task Check_and_diff_refuse_a_bomb_in_the_answers_file()
    {
        using var temp = new TempFolder("check-bomb");
        var (run, repo) = await RepoAsync(temp);
        File.WriteAllText(Path.Combine(repo, AnswersFile.FileName), AliasBomb());

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("check", "payments"));
        run.OutShows("more than 200,000 values");
        var diff = new CliRun { WorkingDirectory = temp.Path, Variables = run.Variables };
        Assert.Equal(ExitCodes.BadInput, await diff.RunAsync("diff", "payments"));
        diff.ErrorShows(AliasLimit);
    }

    [Fact]
    public async Task List_reports_a_bomb_in_a_template_as_a_template_that_does_not_load()
    {
        using var temp = new TempFolder("list-bomb");
        temp.Write("templates/bomb/template.yaml", AliasBomb());
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.Problems, await run.RunAsync("list", "--templates", "templates", "--format", "json"));

        run.OutShows("template.yaml:");
        run.OutShows("more than 200,000 values");
    }
}
