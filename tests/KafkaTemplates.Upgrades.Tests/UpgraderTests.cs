using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// How the upgrader carries a repo's answers to the new version (migrations, answers dropped and new, secrets and
/// --set), where it finds both versions (--to and --from as versions, folders, files and git tags), and what it
/// refuses before anything is written.
/// </summary>
public class UpgraderTests
{
    private const string V1Parameters = """
        properties:
          name: { type: string, default: demo }
          replicas: { type: integer, default: 2 }
          legacy: { type: string, default: old }
          extra: { type: string, default: unused }
          mode: { type: string, default: fast }
        """;

    private const string V2Parameters = """
        properties:
          name: { type: string, default: demo }
          size: { type: integer, default: 2 }
          mode: { type: string, default: balanced }
          region: { type: string, default: us }
          tier: { type: string, default: gold }
          zone: { type: string }
        """;

    private const string Migrations = """
        - version: 1.0.0
          setAnswers: { region: ap }
        - version: 1.1.0
          renameParameters: { replicas: size }
          setAnswers: { mode: slow, region: eu }
          removeParameters: [legacy]
          moveFiles: { config.yaml: conf/app.yaml }
        - version: 1.2.0
          removeParameters: [name]
          setAnswers: { tier: platinum }
        """;

    [Fact]
    public async Task Migrations_between_the_two_versions_carry_the_answers_and_each_step_is_a_note()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync(KeyValuePair.Create("replicas", "5"));

        var plan = await fixture.PlanAsync();

        Assert.Equal(
        [
            "migration 1.1.0: answer 'replicas' is now 'size'",
            "migration 1.1.0: answer 'region' is set to \"eu\" for this repo (new repos get the default)",
            "migration 1.1.0: answer 'legacy' is no longer used",
            "migration 1.1.0: config.yaml moves to conf/app.yaml",
            "answer 'extra' is not a parameter of service-config 1.1.0; it is dropped",
            "new parameter 'tier' takes its default \"gold\"",
            "new parameter 'zone' has no answer",
        ], plan.Notes);
        Assert.Equal("""{"name":"demo","size":5,"mode":"fast","region":"eu","tier":"gold"}""", plan.TargetAnswers.Answers.ToJsonString());
        Assert.Equal([new FileMove("config.yaml", "conf/app.yaml")], plan.Moves);
        UpgradeApplier.Apply(plan);
        Assert.StartsWith("name: demo\nreplicas: 5\n", File.ReadAllText(Path.Combine(fixture.Repo, "conf", "app.yaml")), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.Repo, "config.yaml")));
    }

    [Fact]
    public async Task A_rename_or_removal_of_an_answer_the_repo_does_not_record_changes_nothing()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.WriteAllLines(fixture.AnswersPath, File.ReadAllLines(fixture.AnswersPath)
            .Where(l => !l.StartsWith("  replicas:", StringComparison.Ordinal) && !l.StartsWith("  legacy:", StringComparison.Ordinal)));

        var plan = await fixture.PlanAsync();

        Assert.DoesNotContain(plan.Notes, n => n.Contains("'replicas'", StringComparison.Ordinal) || n.Contains("'legacy'", StringComparison.Ordinal));
        Assert.Contains("new parameter 'size' takes its default 2", plan.Notes);
        Assert.False(plan.TargetAnswers.Answers.ContainsKey("replicas"));
        Assert.Equal(2L, (long)plan.TargetAnswers.Answers["size"]!);
    }

    [Fact]
    public async Task A_set_answer_a_migration_also_sets_is_the_user_s_and_new_parameters_given_by_set_take_no_note()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();

        var plan = await fixture.PlanAsync("../v2", KeyValuePair.Create("region", "sa"), KeyValuePair.Create("zone", "b"), KeyValuePair.Create("tier", "silver"));

        Assert.DoesNotContain(plan.Notes, n => n.Contains("'region'", StringComparison.Ordinal) || n.Contains("'zone'", StringComparison.Ordinal) || n.Contains("'tier'", StringComparison.Ordinal));
        Assert.Equal("sa", (string)plan.TargetAnswers.Answers["region"]!);
        Assert.Equal("b", (string)plan.TargetAnswers.Answers["zone"]!);
        Assert.Equal("silver", (string)plan.TargetAnswers.Answers["tier"]!);
    }

    [Fact]
    public async Task A_set_answer_changes_the_files_because_the_base_is_rendered_with_the_recorded_answers()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();

        var plan = await fixture.PlanAsync("../v2", KeyValuePair.Create("name", "payments"));
        UpgradeApplier.Apply(plan);

        // The migration's setAnswers and the new parameters' defaults still apply to what --set did not name.
        Assert.Equal(
        [
            "migration 1.1.0: answer 'replicas' is now 'size'",
            "migration 1.1.0: answer 'region' is set to \"eu\" for this repo (new repos get the default)",
            "migration 1.1.0: answer 'legacy' is no longer used",
            "migration 1.1.0: config.yaml moves to conf/app.yaml",
            "answer 'extra' is not a parameter of service-config 1.1.0; it is dropped",
            "new parameter 'tier' takes its default \"gold\"",
            "new parameter 'zone' has no answer",
        ], plan.Notes);
        Assert.StartsWith("# payments\n", File.ReadAllText(Path.Combine(fixture.Repo, "README.md")), StringComparison.Ordinal);
        Assert.StartsWith("name: payments\n", File.ReadAllText(Path.Combine(fixture.Repo, "conf", "app.yaml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01-template-only-change", 2, 0)]
    [InlineData("02-local-only-change", 1, 0)]
    [InlineData("03-both-changed-clean", 2, 0)]
    [InlineData("04-both-changed-conflict", 1, 1)]
    [InlineData("05-added-removed-renamed", 5, 0)]
    [InlineData("06-removed-but-edited-locally", 1, 0)]
    [InlineData("08-deleted-locally", 1, 0)]
    [InlineData("09-binary", 2, 1)]
    [InlineData("11-migration", 2, 0)]
    public async Task The_plan_counts_the_changes_that_apply_cleanly_and_the_conflicts(string name, int clean, int conflicts)
    {
        // Clean: the template's change, a clean merge, a file added or removed by the template; not a local change,
        // a conflict, a file the team deleted or a removed file the team kept.
        using var scenario = await UpgradeScenario.GenerateAsync(name);

        var plan = await scenario.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = scenario.Repo, To = scenario.V2 });

        Assert.Equal(clean, plan.CleanChanges);
        Assert.Equal(conflicts, plan.Conflicts.Count());
        Assert.True(plan.ChangesAnything);
    }

    [Fact]
    public async Task A_null_set_by_a_migration_or_a_null_default_is_said_as_null()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, """
            properties:
              name: { type: string, default: demo }
              size: { type: integer, default: 2 }
              zone: { type: [string, "null"] }
              note: { type: [string, "null"], default: null }
            """, """
            - version: 1.1.0
              renameParameters: { replicas: size }
              setAnswers: { zone: null }
              moveFiles: { config.yaml: conf/app.yaml }
            """);
        await fixture.GenerateAsync();

        var plan = await fixture.PlanAsync();

        Assert.Contains("migration 1.1.0: answer 'zone' is set to null for this repo (new repos get the default)", plan.Notes);
        Assert.Contains("new parameter 'note' takes its default null", plan.Notes);
    }

    [Fact]
    public async Task An_answers_file_with_conflict_markers_names_every_marker_line()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        const string Conflict = "<<<<<<< local (your repo)\n# ours\n=======\n# theirs\n>>>>>>> service-config 1.1.0\n";
        File.WriteAllText(fixture.AnswersPath, Conflict + Conflict + File.ReadAllText(fixture.AnswersPath));

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());

        Assert.Equal($"{AnswersFile.FileName} in '{fixture.Repo}' holds unresolved conflict markers (line 1, 6); resolve them so it records one template version and one set of answers, then run again", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Files_a_migration_moves_keep_the_team_s_content_at_their_new_paths_when_the_template_did_not_change_them(bool twoMoves)
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V1Parameters, twoMoves
            ? """
              - version: 1.1.0
                moveFiles: { config.yaml: conf/app.yaml, notes/old.txt: docs/old.txt }
              """
            : """
              - version: 1.1.0
                moveFiles: { config.yaml: conf/app.yaml }
              """, v2Replicas: "replicas");
        // v2 is v1 with the files moved unchanged, and a new, different config.yaml where the old one was.
        var skeleton = Path.Combine(fixture.V2, "skeleton");
        Directory.Delete(skeleton, true);
        UpgradeScenario.CopyTree(Path.Combine(fixture.V1, "skeleton"), skeleton);
        Directory.CreateDirectory(Path.Combine(skeleton, "conf"));
        Directory.CreateDirectory(Path.Combine(skeleton, "docs"));
        File.Move(Path.Combine(skeleton, "config.yaml"), Path.Combine(skeleton, "conf", "app.yaml"));
        if (twoMoves) File.Move(Path.Combine(skeleton, "notes", "old.txt"), Path.Combine(skeleton, "docs", "old.txt"));
        File.WriteAllText(Path.Combine(skeleton, "config.yaml"), "# settings moved to conf/app.yaml\n");
        await fixture.GenerateAsync();
        var notes = File.ReadAllText(Path.Combine(fixture.Repo, "notes", "old.txt"));
        File.AppendAllText(Path.Combine(fixture.Repo, "config.yaml"), "# the team's line\n");
        var edited = File.ReadAllText(Path.Combine(fixture.Repo, "config.yaml"));

        var plan = await fixture.PlanAsync();
        UpgradeApplier.Apply(plan);

        Assert.Equal(twoMoves ? [new FileMove("config.yaml", "conf/app.yaml"), new FileMove("notes/old.txt", "docs/old.txt")] : [new FileMove("config.yaml", "conf/app.yaml")], plan.Moves);
        Assert.Equal(edited, File.ReadAllText(Path.Combine(fixture.Repo, "conf", "app.yaml")));
        Assert.Equal(notes, File.ReadAllText(Path.Combine(fixture.Repo, twoMoves ? "docs" : "notes", "old.txt")));
        Assert.Equal(FileStatus.AddedByTemplate, plan.Files.Single(f => f.Path == "config.yaml").Status);
        Assert.Equal("# settings moved to conf/app.yaml\n", File.ReadAllText(Path.Combine(fixture.Repo, "config.yaml")));
        Assert.Equal(!twoMoves, File.Exists(Path.Combine(fixture.Repo, "notes", "old.txt")));
    }

    private const string SecretParameters = """
        required: [token]
        properties:
          name: { type: string, default: demo }
          replicas: { type: integer, default: 2 }
          token: { type: string, "ui:field": Secret }
        """;

    [Fact]
    public async Task A_secret_is_not_recorded_so_the_base_needs_it_from_set_and_nothing_else_from_set()
    {
        using var fixture = UpgraderFixture.Create(SecretParameters, SecretParameters, v2Replicas: "replicas");
        await fixture.GenerateAsync(KeyValuePair.Create("token", "s3cr3t"));
        Assert.DoesNotContain("s3cr3t", File.ReadAllText(fixture.AnswersPath), StringComparison.Ordinal);

        var without = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());
        var plan = await fixture.PlanAsync("../v2", KeyValuePair.Create("token", "s3cr3t"), KeyValuePair.Create("name", "payments"));

        Assert.StartsWith("the recorded answers do not fit service-config 1.0.0, the version the repo records: ", without.Message, StringComparison.Ordinal);
        Assert.Contains("token", without.Message, StringComparison.Ordinal);
        // name from --set reaches only the new version: the README's template change applies.
        Assert.Equal(FileStatus.TemplateChange, plan.Files.Single(f => f.Path == "README.md").Status);
    }

    [Fact]
    public async Task A_secret_the_new_version_no_longer_has_is_given_for_the_base_only()
    {
        using var fixture = UpgraderFixture.Create(SecretParameters, """
            properties:
              name: { type: string, default: demo }
              replicas: { type: integer, default: 2 }
            """, """
            - version: 1.1.0
              removeParameters: [token]
            """, v2Replicas: "replicas");
        await fixture.GenerateAsync(KeyValuePair.Create("token", "s3cr3t"));

        var plan = await fixture.PlanAsync("../v2", KeyValuePair.Create("token", "s3cr3t"));

        Assert.Equal("1.1.0", plan.Target.Version.ToString());
        Assert.False(plan.TargetAnswers.Answers.ContainsKey("token"));
    }

    [Fact]
    public async Task An_answer_the_recorded_version_does_not_know_is_dropped_not_a_refusal()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.WriteAllText(fixture.AnswersPath, File.ReadAllText(fixture.AnswersPath) + "  retired: \"x\"\n");

        var plan = await fixture.PlanAsync();

        Assert.Contains("answer 'retired' is not a parameter of service-config 1.1.0; it is dropped", plan.Notes);
    }

    [Fact]
    public async Task A_new_version_that_fails_to_render_is_named_with_the_step_s_error()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations, v2ExtraSteps: """
            - id: rename
              action: fs:rename
              input:
                files:
                  - { from: does-not-exist.txt, to: anywhere.txt }
            """);
        await fixture.GenerateAsync();

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());

        Assert.Equal("rendering service-config 1.1.0 failed: step 'rename': 'does-not-exist.txt' does not exist in the workspace", e.Message);
        Assert.IsType<ScaffoldException>(e.InnerException);
    }

    [Fact]
    public async Task A_symbolic_link_where_the_template_writes_is_refused_before_anything_is_read()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.WriteAllText(fixture.Combine("outside.md"), "not the repo's\n");
        File.Delete(Path.Combine(fixture.Repo, "README.md"));
        File.CreateSymbolicLink(Path.Combine(fixture.Repo, "README.md"), "../outside.md");

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());

        Assert.Contains("README.md", e.Message, StringComparison.Ordinal);
        Assert.Contains("is a symbolic link (to ../outside.md)", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(e.InnerException);
        Assert.Equal("not the repo's\n", File.ReadAllText(fixture.Combine("outside.md")));
    }

    [Fact]
    public async Task An_answers_file_that_is_a_link_or_a_fifo_is_refused()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.Move(fixture.AnswersPath, fixture.Combine("answers.yaml"));
        File.CreateSymbolicLink(fixture.AnswersPath, "../answers.yaml");
        var link = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());
        File.Delete(fixture.AnswersPath);
        var mkfifo = await ProcessRunner.RunAsync("mkfifo", [fixture.AnswersPath]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.ToString());
        var fifo = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());

        var message = $"{AnswersFile.FileName} in '{fixture.Repo}' is not a regular file (a symbolic link, folder, FIFO or device); restore the file from git history";
        Assert.Equal(message, link.Message);
        Assert.Equal(message, fifo.Message);
    }

    [Fact]
    public async Task An_answers_file_too_large_to_be_one_is_refused_unread()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.AppendAllText(fixture.AnswersPath, "# " + new string('x', 9 * 1024 * 1024) + "\n");

        var e = await Assert.ThrowsAsync<UpgradeException>(() => fixture.PlanAsync());

        Assert.StartsWith($"{AnswersFile.FileName} cannot be read: ", e.Message, StringComparison.Ordinal);
        Assert.IsType<InputLimitException>(e.InnerException);
    }

    [Fact]
    public async Task An_answers_file_saved_with_a_byte_order_mark_is_read()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        File.WriteAllText(fixture.AnswersPath, "\uFEFF" + File.ReadAllText(fixture.AnswersPath));

        var plan = await fixture.PlanAsync();

        Assert.Equal("1.0.0", plan.Base.Version.ToString());
        Assert.Equal(TemplateSource.Folder("../v1"), plan.Base.Source);
    }

    [Fact]
    public async Task An_empty_to_is_the_newest_version_of_the_recorded_source()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();

        var plan = await fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = "" });

        Assert.Equal("1.0.0", plan.Target.Version.ToString());
        Assert.False(plan.ChangesAnything);
    }

    [Fact]
    public async Task From_finds_the_recorded_version_elsewhere_and_the_repo_keeps_its_recorded_source()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        UpgradeScenario.CopyTree(fixture.V1, fixture.Combine("archive", "service-config-1.0.0"));
        Directory.Delete(fixture.V1, true);

        var fromFolder = await fixture.Upgrader().PlanAsync(new UpgradeRequest
        {
            RepoDirectory = fixture.Repo, From = fixture.Combine("archive", "service-config-1.0.0"), To = fixture.V2,
        });
        var fromFile = await fixture.Upgrader().PlanAsync(new UpgradeRequest
        {
            RepoDirectory = fixture.Repo, From = fixture.Combine("archive", "service-config-1.0.0", TemplateLoader.FileName), To = fixture.V2,
        });

        Assert.Equal("1.0.0", fromFolder.Base.Version.ToString());
        Assert.Equal(TemplateSource.Folder("../v1"), fromFolder.Base.Source);
        Assert.Equal(TemplateSource.Folder("../v1"), fromFile.Base.Source);
        Assert.Equal(fromFolder.Files.Select(f => (f.Path, f.Status)), fromFile.Files.Select(f => (f.Path, f.Status)));
        Assert.Contains(fromFolder.Files, f => f.Path == "conf/app.yaml");
    }

    [Fact]
    public async Task To_as_a_template_file_records_its_folder_relative_to_the_repo()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();

        var plan = await fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = Path.Combine(fixture.V2, TemplateLoader.FileName) });
        UpgradeApplier.Apply(plan);

        Assert.Equal(TemplateSource.Folder("../v2"), plan.Target.Source);
        Assert.Contains("source: \"../v2\"", File.ReadAllText(fixture.AnswersPath), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("git+https://example.com/templates.git", "'git+https://example.com/templates.git' names a git source without a tag; write git+<url>@<tag>, such as git+https://example.com/templates.git@v1.2.0")]
    [InlineData("git+ext::sh@v1.0.0", "'git+ext::sh@v1.0.0' is not an accepted git source: the URL names a git remote helper (such as ext:: or fd::), which could run commands. Accepted: git+<url>@<tag> with a URL of the form " + GitSourceRules.AcceptedForms)]
    public async Task A_git_target_that_is_not_an_accepted_source_is_refused_in_its_words(string to, string message)
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();

        var to_ = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = to }));
        var from = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, From = to }));

        Assert.Equal(message, to_.Message);
        Assert.Equal(message, from.Message);
        Assert.IsType<FormatException>(to_.InnerException);
    }

    [Fact]
    public async Task A_missing_from_or_to_folder_says_which_flag_and_what_to_give()
    {
        using var fixture = UpgraderFixture.Create(V1Parameters, V2Parameters, Migrations);
        await fixture.GenerateAsync();
        var missing = fixture.Combine("missing");

        var to = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, To = missing }));
        var from = await Assert.ThrowsAsync<UpgradeException>(() => fixture.Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = fixture.Repo, From = missing }));

        Assert.Equal($"{Setting.To} '{missing}' is neither a version nor git+URL@tag, and no folder '{missing}' exists; give a version, a template folder or git+URL@tag", to.Message);
        Assert.Equal($"{Setting.From} '{missing}' is neither git+URL@tag nor a folder ('{missing}' does not exist); give the template folder or git+URL@tag that holds the repo's recorded version", from.Message);
    }
}
