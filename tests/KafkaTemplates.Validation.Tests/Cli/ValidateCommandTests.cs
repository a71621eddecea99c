using System.Text.Json.Nodes;
using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests.Cli;

/// <summary>`kafka-templates validate` and the validation `new` runs, through the real command line in-process.</summary>
public class ValidateCommandTests
{
    /// <summary>As CI runs the CLI: no terminal, CI=true, and the PATH where helm and promtool are looked for (empty: neither is found).</summary>
    private static Dictionary<string, string> Ci(string path) => new(StringComparer.Ordinal) { ["PATH"] = path, ["CI"] = "true" };

    /// <summary>helm and promtool on the PATH, as CI installs them.</summary>
    private static string ToolsPath =>
        string.Join(Path.PathSeparator, Path.GetDirectoryName(Tool.Helm), Path.GetDirectoryName(Tool.Promtool));

    [Fact]
    public async Task A_clean_repo_passes_with_exit_code_0()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var cli = new CliRun { WorkingDirectory = Path.GetDirectoryName(repo.Path)!, Variables = Ci(ToolsPath) };

        var exit = await cli.RunAsync("validate", "payments");

        Assert.True(exit == 0, cli.Out.Output + cli.Error.Output);
        Assert.Contains("payments: no problems found.", cli.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_give_exit_code_1_and_are_printed_by_file_with_line_and_code()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var values = repo.Combine("helm/values.yaml");
        File.WriteAllText(values, File.ReadAllText(values).Replace("combinedControllers: 0", "combinedControllers: 2", StringComparison.Ordinal));
        var cli = new CliRun { WorkingDirectory = repo.Path, Variables = Ci(ToolsPath) };

        var exit = await cli.RunAsync("validate");

        Assert.Equal(1, exit);
        var lines = cli.Out.Output.Split('\n').Select(l => l.TrimEnd()).ToList();
        var file = lines.IndexOf("helm/values.yaml");
        Assert.True(file >= 0, cli.Out.Output);
        Assert.Matches(@"^  33:[0-9]+ +error +KT4003  kraft\.combinedControllers is 2", lines[file + 1]);
        Assert.Contains("--explain KT4003", cli.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_helm_on_path_validation_warns_once_and_passes_unless_warnings_are_errors()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var cli = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };

        Assert.Equal(0, await cli.RunAsync("validate", "."));
        Assert.Single(cli.Out.Output.Split('\n'), l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^ +[0-9]+:[0-9]+ +warning +KT2101 "));
        Assert.DoesNotContain(" error ", cli.Out.Output, StringComparison.Ordinal);
        Assert.Contains("1 warning", cli.Out.Output, StringComparison.Ordinal);

        var strict = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };
        Assert.Equal(1, await strict.RunAsync("validate", ".", "--warnings-as-errors"));
    }

    [Fact]
    public async Task The_helm_option_names_the_helm_executable()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var cli = new CliRun { WorkingDirectory = repo.Path, Variables = Ci(Path.GetDirectoryName(Tool.Promtool)!) };

        var exit = await cli.RunAsync("validate", ".", "--helm", Tool.Helm);

        Assert.True(exit == 0, cli.Out.Output + cli.Error.Output);
        Assert.DoesNotContain("KT2101", cli.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_helm_option_that_names_no_runnable_program_is_bad_input()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        File.WriteAllText(repo.Combine("not-helm"), "just text\n");
        var cli = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };

        var exit = await cli.RunAsync("validate", ".", "--helm", "not-helm");

        Assert.True(exit == 2, cli.Out.Output + cli.Error.Output);
        Assert.Contains("--helm: cannot run", cli.Error.Output, StringComparison.Ordinal);
        Assert.Contains("give the path of an executable helm binary", cli.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_and_sarif_go_to_standard_output_unchanged()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var json = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };
        var sarif = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };

        Assert.Equal(0, await json.RunAsync("validate", ".", "--format", "json"));
        Assert.Equal(0, await sarif.RunAsync("validate", ".", "--format", "sarif"));

        SchemaAssert.Valid("validate-report.schema.json", json.Out.Output);
        SchemaAssert.Valid("sarif-schema-2.1.0.json", sarif.Out.Output);
        Assert.Equal("KT2101", JsonNode.Parse(json.Out.Output)!["diagnostics"]![0]!["code"]!.ToString());
    }

    [Fact]
    public async Task A_missing_folder_exits_with_2_and_says_so()
    {
        using var temp = new TempFolder("validate-cli");
        var cli = new CliRun { WorkingDirectory = temp.Path, Variables = Ci("") };

        Assert.Equal(2, await cli.RunAsync("validate", "no-such-repo"));
        Assert.Contains($"the folder '{Path.Combine(temp.Path, "no-such-repo")}' does not exist", cli.Error.Output, StringComparison.Ordinal);
        Assert.Equal("", cli.Out.Output);
    }

    [Fact]
    public async Task A_folder_that_is_not_a_deployment_repo_exits_with_2_and_says_what_is_missing()
    {
        using var temp = new TempFolder("validate-cli");
        temp.Write("notes/README.md", "not a repo\n");
        var cli = new CliRun { WorkingDirectory = temp.Path, Variables = Ci("") };

        Assert.Equal(2, await cli.RunAsync("validate", "notes"));
        Assert.Contains($"'{temp.Combine("notes")}' is not a deployment repo", cli.Error.Output, StringComparison.Ordinal);
        Assert.Contains(".kafka-templates.yaml", cli.Error.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("helm/values.yaml", "broker:\n", "broker: [\n")]
    [InlineData("helm/Chart.yaml", "name: kafka\n", "name: kafka\nname: again\n")]
    [InlineData(".kafka-templates.yaml", "answers:\n", "answers: {\n")]
    public async Task Unreadable_yaml_in_a_file_validation_builds_on_exits_with_2_and_names_the_place(string file, string find, string replace)
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var path = repo.Combine(file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        var cli = new CliRun { WorkingDirectory = repo.Path, Variables = Ci("") };

        Assert.Equal(2, await cli.RunAsync("validate", "."));
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(file)}:[0-9]+:[0-9]+: ", cli.Error.Output);
        Assert.Contains("must be readable YAML", cli.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_prints_the_help_of_a_code()
    {
        var cli = new CliRun { WorkingDirectory = Path.GetTempPath(), Variables = Ci("") };

        Assert.Equal(0, await cli.RunAsync("validate", "--explain", "kt4001"));
        Assert.StartsWith("KT4001 ReplicationFactorAboveBrokers (kafka, error)", cli.Out.Output, StringComparison.Ordinal);
        Assert.Contains(DiagnosticCatalog.ReplicationAboveBrokers.Help, cli.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_of_an_unknown_code_and_an_unknown_format_are_bad_input()
    {
        var explain = new CliRun { WorkingDirectory = Path.GetTempPath(), Variables = Ci("") };
        Assert.Equal(2, await explain.RunAsync("validate", "--explain", "KT9999"));
        Assert.Contains("'KT9999' is not a diagnostic code", explain.Error.Output, StringComparison.Ordinal);

        var format = new CliRun { WorkingDirectory = Path.GetTempPath(), Variables = Ci("") };
        Assert.Equal(2, await format.RunAsync("validate", ".", "--format", "xml"));
        Assert.Contains("--format must be text, json or sarif", format.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_validates_the_repo_it_wrote_and_no_validate_skips_it()
    {
        using var temp = new TempFolder("validate-new");
        var templates = RepoRoot.Combine("templates");
        var cli = new CliRun { WorkingDirectory = temp.Path, Variables = Ci(ToolsPath) };

        var exit = await cli.RunAsync("new", "hypertrace-kafka", "-o", "orders", "--set", "owner=orders", "--templates", templates, "--no-prompt");

        Assert.True(exit == 0, cli.Out.Output + cli.Error.Output);
        Assert.Contains("orders: no problems found.", cli.Error.Output, StringComparison.Ordinal);

        var skipped = new CliRun { WorkingDirectory = temp.Path, Variables = Ci(ToolsPath) };
        Assert.Equal(0, await skipped.RunAsync("new", "hypertrace-kafka", "-o", "billing", "--templates", templates, "--no-prompt", "--no-validate"));
        Assert.DoesNotContain("no problems found", skipped.Error.Output, StringComparison.Ordinal);
    }
}
