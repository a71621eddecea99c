using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

public class NewCommandTests
{
    private static string Fixture(string name) => RepoRoot.Combine("tests", "KafkaTemplates.Cli.Tests", "Fixtures", name);

    [Fact]
    public async Task Scaffolds_the_shipped_template_with_defaults_and_records_the_answers()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments-kafka", "--set", "owner=payments", "--no-validate");

        Assert.Equal(ExitCodes.Success, code);
        var answers = AnswersFile.Read(temp.Combine("payments-kafka", AnswersFile.FileName));
        Assert.Equal(("hypertrace-kafka", "builtin"), (answers.Template, answers.Source.ToString()));
        Assert.Equal("payments-kafka", answers.Answers["name"]!.GetValue<string>());
        Assert.Equal("payments", answers.Answers["owner"]!.GetValue<string>());
        Assert.True(File.Exists(temp.Combine("payments-kafka", "helm", "Chart.yaml")));
        Assert.Contains("Created payments-kafka from hypertrace-kafka", run.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_that_cannot_start_exits_1_and_says_the_repo_was_created()
    {
        using var temp = new TempFolder();
        // Neither helm on PATH nor a kubeconfig: the install cannot start.
        var run = new CliRun { WorkingDirectory = temp.Path, Variables = new() { ["HOME"] = temp.Combine("home"), ["PATH"] = "" } };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments-kafka", "--set", "owner=payments", "--set", "install=true", "--no-validate");

        Assert.Equal(ExitCodes.Problems, code);
        Assert.True(File.Exists(temp.Combine("payments-kafka", "helm", "Chart.yaml")));
        Assert.Contains("error: helm was not found on PATH", run.Error.Output, StringComparison.Ordinal);
        Assert.Contains("The repo payments-kafka was created, but not installed: fix the above, then run `kafka-templates install payments-kafka`.", run.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_install_that_times_out_names_the_flag_of_the_command_that_has_it_not_one_new_lacks()
    {
        using var temp = new TempFolder();
        // The listener's backlog accepts the connections; nothing ever reads or answers them.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var server = $"http://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        var kubeconfig = temp.Write("kubeconfig", """
            apiVersion: v1
            kind: Config
            clusters: [{ name: stalled, cluster: { server: "{{server}}" } }]
            users: [{ name: me, user: { token: t } }]
            contexts: [{ name: stalled, context: { cluster: stalled, user: me } }]
            current-context: stalled
            """.Replace("{{server}}", server, StringComparison.Ordinal));
        var run = new CliRun
        {
            WorkingDirectory = temp.Path,
            Variables = new() { ["HOME"] = temp.Combine("home"), ["KUBECONFIG"] = kubeconfig, ["PATH"] = Path.GetDirectoryName(Tool.Helm)! },
            Retry = CliRun.FastRetry() with { AttemptTimeout = TimeSpan.FromSeconds(1) },
        };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments-kafka", "--set", "owner=payments", "--set", "install=true", "--no-validate");

        Assert.Equal(ExitCodes.Problems, code);
        run.ErrorShows($"the API server {server} gave no answer within 1s");
        run.ErrorShows("`kafka-templates install --request-timeout` sets how long each answer may take");
        run.ErrorShows("the kubeconfig and its current context point at it");
        // new has none of install's flags: each one named is quoted with the command that takes it.
        var outsideInstallCommands = System.Text.RegularExpressions.Regex.Replace(run.Error.Output, "`kafka-templates install [^`]*`", "");
        Assert.False(System.Text.RegularExpressions.Regex.IsMatch(outsideInstallCommands, @"--(request-timeout|context|kubeconfig|namespace|release|wait|mode)\b"), run.ToString());
    }

    [Fact]
    public async Task A_name_taken_from_the_folder_that_breaks_the_rules_says_where_it_came_from()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "Payments", "--set", "owner=payments", "--no-validate"));

        Assert.True(run.Error.Output.Contains("it was taken from the folder name of -o Payments", StringComparison.Ordinal), run.Error.Output);
        Assert.False(Directory.Exists(temp.Combine("Payments")));
    }

    [Fact]
    public async Task Bad_answers_exit_2_list_every_violation_and_write_nothing()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "x", "--set", "brokers=30", "--set", "ci=jenkins", "--set", "nmae=oops");

        Assert.Equal(ExitCodes.BadInput, code);
        var err = run.Error.Output;
        Assert.Contains("3 invalid answers:", err, StringComparison.Ordinal);
        Assert.Contains("brokers must be at most 15 (got 30) [maximum]", err, StringComparison.Ordinal);
        Assert.Contains("ci must be one of: \"github\", \"gitlab\" (got \"jenkins\") [enum]", err, StringComparison.Ordinal);
        Assert.Contains("nmae is not a parameter of this template; did you mean 'name'?", err, StringComparison.Ordinal);
        Assert.Contains("Nothing was written.", err, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task A_non_empty_target_is_refused_without_force_and_kept_intact()
    {
        using var temp = new TempFolder();
        temp.Write("repo/notes.txt", "mine");
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--no-validate");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("'repo' already exists and is not empty", run.Error.Output, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(temp.Combine("repo")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Force_writes_into_a_non_empty_folder_and_keeps_other_files()
    {
        using var temp = new TempFolder();
        temp.Write("repo/notes.txt", "mine");
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--force", "--no-validate");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("repo", "notes.txt")));
        Assert.True(File.Exists(temp.Combine("repo", "helm", "values.yaml")));
    }

    [Fact]
    public async Task Dry_run_prints_the_tree_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments", "--dry-run");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("dry run:", run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("entrypoint.sh (executable)", run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("values.schema.json", run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("The file checks (helm and promtool run once the repo is written", run.Out.Output, StringComparison.Ordinal);
        Assert.Contains("payments: no problems found.", run.Out.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Dry_run_runs_the_file_checks_in_memory_and_exits_1_on_an_error()
    {
        using var temp = new TempFolder();
        FolderCopy.Copy(RepoRoot.Combine("templates", "hypertrace-kafka"), temp.Combine("templates", "hypertrace-kafka"));
        var dockerfile = temp.Combine("templates", "hypertrace-kafka", "skeleton", "Dockerfile");
        File.WriteAllText(dockerfile, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(dockerfile), @"ARG BASE_IMAGE=\S+", "ARG BASE_IMAGE=eclipse-temurin:latest"));
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "templates/hypertrace-kafka", "-o", "payments", "--dry-run");

        Assert.True(code == ExitCodes.Problems, run.ToString());
        run.OutShows("KT6002");
        Assert.False(Directory.Exists(temp.Combine("payments")));
    }

    [Fact]
    public async Task Dry_run_json_lists_every_file_with_its_content()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "payments", "--dry-run", "--format", "json");

        Assert.Equal(ExitCodes.Success, code);
        var doc = System.Text.Json.Nodes.JsonNode.Parse(run.Out.Output)!;
        var files = doc["files"]!.AsArray();
        var chart = files.Single(f => f!["path"]!.GetValue<string>() == "helm/Chart.yaml")!;
        Assert.Equal("0644", chart["mode"]!.GetValue<string>());
        Assert.Contains("apiVersion: v2", chart["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("0755", files.Single(f => f!["path"]!.GetValue<string>() == "docker/entrypoint.sh")!["mode"]!.GetValue<string>());
        Assert.True(doc["diagnostics"]!["passed"]!.GetValue<bool>());
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }

    [Fact]
    public async Task Json_format_without_dry_run_is_bad_input_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "hypertrace-kafka", "-o", "payments", "--set", "owner=payments", "--format", "json"));

        Assert.Contains("--format json prints the files of a --dry-run", run.Error.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("payments")));
    }

    [Fact]
    public async Task Values_files_and_set_combine_with_set_winning()
    {
        using var temp = new TempFolder();
        temp.Write("answers.yaml", "owner: from-file\nbrokers: 5\n");
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "answers.yaml", "--set", "brokers=1", "--no-validate");

        Assert.Equal(ExitCodes.Success, code);
        var answers = AnswersFile.Read(temp.Combine("repo", AnswersFile.FileName)).Answers;
        Assert.Equal("from-file", answers["owner"]!.GetValue<string>());
        Assert.Equal(1, answers["brokers"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_unreadable_values_file_exits_2_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        temp.Write("answers.yaml", "owner: a\nowner: b\n");
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "hypertrace-kafka", "-o", "repo", "--values", "answers.yaml");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--values: answers.yaml:2:1: duplicate key 'owner'", run.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_template_exits_2_and_lists_the_available_ones()
    {
        using var temp = new TempFolder();
        var run = new CliRun { WorkingDirectory = temp.Path };
        Assert.Equal(ExitCodes.BadInput, await run.RunAsync("new", "no-such-template", "-o", "x"));
        Assert.Contains("unknown template 'no-such-template'; available: hypertrace-kafka", run.Error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_template_is_recorded_relative_to_the_new_repo()
    {
        using var temp = new TempFolder();
        FolderCopy.Copy(Fixture("templates"), temp.Combine("templates"));
        var run = new CliRun { WorkingDirectory = temp.Path };

        var code = await run.RunAsync("new", "templates/greeting", "-o", "repos/hello", "--set", "greeting=hi");

        Assert.Equal(ExitCodes.Success, code);
        var answers = AnswersFile.Read(temp.Combine("repos", "hello", AnswersFile.FileName));
        Assert.Equal("../../templates/greeting", answers.Source.ToString());
        Assert.Equal("hi hello\n", File.ReadAllText(temp.Combine("repos", "hello", "greeting.txt")));
    }

}
