using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// Where an upgrade finds a template at a version: a git repository at a tag (a real local origin, cloned over
/// file:// into a cache), a folder, or the templates the tool ships with the released versions kept beside them.
/// </summary>
public class TemplateVersionsTests
{
    private const string Id = "service-config";

    private static TemplateVersions Versions(GitTemplateOrigin origin) =>
        new(UpgradeScenario.Engine.Loader, origin.Combine("no-builtin-templates"), cacheRoot: origin.Combine("cache"));

    private static TemplateSource Git(GitTemplateOrigin origin, string tag) => TemplateSource.Git(origin.Url, tag);

    [Fact]
    public async Task A_git_source_offers_the_versions_of_its_own_tags_newest_last()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "service-config/v1.0.0", "not-a-version", "service-config/latest");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", null, "v1.1.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.2.0", "1.2.0", "v1.2.0");
        // Another template's tags, and a tag under a longer prefix, are not this template's versions.
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "9.0.0", "other-template/v9.0.0", "team/service-config/v8.0.0");
        // A tag name git could misread (here: longer than 255 characters) is ignored although its version parses.
        var head = File.ReadAllText(Path.Combine(origin.Folder, ".git", "refs", "tags", "v1.1.0")).Trim();
        File.AppendAllText(Path.Combine(origin.Folder, ".git", "packed-refs"), $"{head} refs/tags/v7.0.0-{new string('a', 260)}\n");

        var versions = Versions(origin).Available(Id, Git(origin, "v1.1.0"), origin.Combine("repo"));

        Assert.Equal(["1.0.0", "1.1.0", "1.2.0"], versions.Select(v => v.ToString()));
        Assert.Equal("1.2.0", Versions(origin).Newest(Id, Git(origin, "v1.1.0"), origin.Combine("repo")).ToString());
    }

    [Fact]
    public async Task A_version_is_loaded_from_the_template_s_own_tag_first_then_v_then_the_bare_version()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.2.0", "1.2.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.2.0", "service-config/v1.2.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.2.0", "v1.2.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.3.0", "1.3.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.3.0", "v1.3.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.4.0", "1.4.0");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), "", "1.4.0", "other-template/v1.4.0");
        var versions = Versions(origin);
        var repo = origin.Combine("repo");

        Assert.Equal(Git(origin, "service-config/v1.2.0"), versions.Load(Id, Git(origin, "1.2.0"), SemanticVersion.Parse("1.2.0"), repo).Source);
        Assert.Equal(Git(origin, "v1.3.0"), versions.Load(Id, Git(origin, "1.2.0"), SemanticVersion.Parse("1.3.0"), repo).Source);
        Assert.Equal(Git(origin, "1.4.0"), versions.Load(Id, Git(origin, "1.2.0"), SemanticVersion.Parse("1.4.0"), repo).Source);
        var loaded = versions.Load(Id, Git(origin, "v1.3.0"), null, repo);
        Assert.Equal("1.3.0", loaded.Version.ToString());
        Assert.Equal(Git(origin, "v1.3.0"), loaded.Source);
    }

    [Fact]
    public async Task A_template_named_like_the_start_of_a_version_tag_still_prefers_its_own_tag()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        var template = origin.Combine("v1-template");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), template);
        GitTemplateOrigin.SetName(template, "v1");
        // git lists v1.2.0 before v1/v1.2.0; v1.2.0 starts with the template's name but is not its own tag.
        await origin.PublishAsync(template, "", "1.2.0", "v1/v1.2.0");
        await origin.PublishAsync(template, "", "1.2.0", "v1.2.0");

        var loaded = Versions(origin).Load("v1", Git(origin, "v1.2.0"), SemanticVersion.Parse("1.2.0"), origin.Combine("repo"));

        Assert.Equal(Git(origin, "v1/v1.2.0"), loaded.Source);
    }

    [Fact]
    public async Task A_version_without_a_tag_names_the_three_forms_looked_for()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");

        var e = Assert.Throws<UpgradeException>(() => Versions(origin).Load(Id, Git(origin, "v1.0.0"), SemanticVersion.Parse("9.9.9"), origin.Combine("repo")));

        Assert.Equal($"{origin.Url} has no tag for version 9.9.9 (looked for service-config/v9.9.9, v9.9.9 and 9.9.9)", e.Message);
    }

    [Fact]
    public async Task A_tag_without_the_template_or_with_another_template_says_so()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(null, "", null, "v1.0.0");
        var other = origin.Combine("other");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), other);
        GitTemplateOrigin.SetName(other, "other-template");
        await origin.PublishAsync(other, "", null, "v1.1.0");
        var versions = Versions(origin);

        var empty = Assert.Throws<UpgradeException>(() => versions.Load(Id, Git(origin, "v1.0.0"), null, origin.Combine("repo")));
        var another = Assert.Throws<UpgradeException>(() => versions.Load(Id, Git(origin, "v1.1.0"), SemanticVersion.Parse("1.1.0"), origin.Combine("repo")));

        Assert.Equal($"no template 'service-config' in {origin.Url} at v1.0.0", empty.Message);
        Assert.Equal($"no template 'service-config' in {origin.Url} at v1.1.0", another.Message);
    }

    [Theory]
    [InlineData("templates/service-config")]
    [InlineData("service-config")]
    public async Task A_template_is_found_in_a_folder_of_its_name_or_under_templates(string under)
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        // At the root sits another team's template; this one is below it.
        var other = origin.Combine("other");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v1"), other);
        GitTemplateOrigin.SetName(other, "other-template");
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v2"), under, null, "v1.1.0");
        UpgradeScenario.CopyTree(other, origin.Folder);
        await TestGit.RunAsync(origin.Folder, "add", "--all");
        await TestGit.RunAsync(origin.Folder, "commit", "--quiet", "-m", "another template at the root");
        await TestGit.RunAsync(origin.Folder, "tag", "--force", "v1.1.0");

        var template = Versions(origin).Load(Id, Git(origin, "v1.1.0"), null, origin.Combine("repo"));

        Assert.Equal(Id, template.Id);
        Assert.Equal("1.1.0", template.Version.ToString());
    }

    [Fact]
    public async Task A_symbolic_link_in_a_tag_is_refused_naming_it()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        // The root holds another team's template, so the search goes on into templates/service-config, through a link.
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v1"), Path.Combine(origin.Folder, "real", Id));
        Directory.CreateSymbolicLink(Path.Combine(origin.Folder, "templates"), "real");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v1"), origin.Folder);
        GitTemplateOrigin.SetName(origin.Folder, "other-template");
        await TestGit.RunAsync(origin.Folder, "add", "--all");
        await TestGit.RunAsync(origin.Folder, "commit", "--quiet", "-m", "a link");
        await TestGit.RunAsync(origin.Folder, "tag", "v1.0.0");

        var e = Assert.Throws<UpgradeException>(() => Versions(origin).Load(Id, Git(origin, "v1.0.0"), null, origin.Combine("repo")));

        Assert.Equal($"git+{origin.Url}@v1.0.0: 'templates' is a symbolic link; a template source may hold only files and folders", e.Message);
    }

    [Fact]
    public void A_remote_that_cannot_be_listed_is_named_with_git_s_reason()
    {
        using var temp = new TempFolder("git-missing");
        var url = "file://" + temp.Combine("no-such-repo");
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), cacheRoot: temp.Combine("cache"));

        var e = Assert.Throws<UpgradeException>(() => versions.Available(Id, TemplateSource.Git(url, "v1.0.0"), temp.Path));

        Assert.StartsWith($"cannot list the tags of {url}: fatal: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message.Trim(), e.Message);
    }

    [Fact]
    public async Task A_tag_that_cannot_be_cloned_is_named_and_leaves_nothing_in_the_cache()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");

        var e = Assert.Throws<UpgradeException>(() => Versions(origin).Load(Id, Git(origin, "v9.9.9"), null, origin.Combine("repo")));

        Assert.StartsWith($"cannot fetch {origin.Url} at v9.9.9: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("v9.9.9 not found", e.Message, StringComparison.Ordinal);
        Assert.Equal(e.Message.Trim(), e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(origin.Combine("cache")));
    }

    [Theory]
    [InlineData("-uhelper", "v1.0.0", "cannot fetch '-uhelper': the URL starts with '-', which git would read as an option")]
    [InlineData("ext::sh -c touch% pwned", "v1.0.0", "cannot fetch 'ext::sh -c touch% pwned': the URL holds a space or a control character")]
    [InlineData("file:///templates.git", "-v1.0.0", "cannot fetch file:///templates.git at '-v1.0.0': a tag may hold letters, digits, '.', '_', '+', '-' and '/', and must start with a letter, digit, '_' or '+'")]
    public void A_url_or_tag_git_could_misread_is_refused_before_git_runs(string url, string tag, string message)
    {
        using var temp = new TempFolder("git-unsafe");
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), cacheRoot: temp.Combine("cache"));

        var e = Assert.Throws<UpgradeException>(() => versions.Load(Id, TemplateSource.Git(url, tag), null, temp.Path));

        Assert.Equal(message, e.Message);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Combine("cache")));
    }

    [Fact]
    public async Task A_tag_git_cannot_check_out_is_refused_and_leaves_nothing_in_the_cache()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        // A tree with a path named .git, which git refuses to write: the clone succeeds and its checkout fails.
        var blob = await GitOutputAsync(origin.Folder, "hi\n", "hash-object", "-w", "--stdin");
        var sub = await GitOutputAsync(origin.Folder, $"100644 blob {blob}\t.git\n", "mktree");
        var root = await GitOutputAsync(origin.Folder, $"040000 tree {sub}\tsub\n100644 blob {blob}\ttemplate.yaml\n", "mktree");
        var commit = await GitOutputAsync(origin.Folder, null, "-c", "user.name=Test", "-c", "user.email=test@example.com", "commit-tree", root, "-m", "hostile");
        await TestGit.RunAsync(origin.Folder, "tag", "v1.0.0", commit);

        var e = Assert.Throws<UpgradeException>(() => Versions(origin).Load(Id, Git(origin, "v1.0.0"), null, origin.Combine("repo")));

        Assert.StartsWith($"cannot fetch {origin.Url} at v1.0.0: ", e.Message, StringComparison.Ordinal);
        Assert.Contains("invalid path 'sub/.git'", e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(origin.Combine("cache")));
    }

    private static async Task<string> GitOutputAsync(string folder, string? input, params string[] args)
    {
        var result = await ProcessRunner.RunAsync("git", args, folder, standardInput: input);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StandardOutput.Trim();
    }

    [Fact]
    public async Task Two_sources_whose_url_and_tag_run_together_alike_are_cached_apart()
    {
        using var one = await GitTemplateOrigin.CreateAsync();
        await one.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");
        // The second origin's path is the first's plus "v", its tag the first's without: url + tag is the same text.
        var second = one.Folder + "v";
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), second);
        await TestGit.RunAsync(second, "init", "--quiet", "--initial-branch=main");
        await TestGit.RunAsync(second, "add", "--all");
        await TestGit.RunAsync(second, "commit", "--quiet", "-m", "1.1.0");
        await TestGit.RunAsync(second, "tag", "1.0.0");
        var versions = Versions(one);

        var first = versions.Load(Id, TemplateSource.Git(one.Url, "v1.0.0"), null, one.Combine("repo"));
        var other = versions.Load(Id, TemplateSource.Git(one.Url + "v", "1.0.0"), null, one.Combine("repo"));

        Assert.Equal("1.0.0", first.Version.ToString());
        Assert.Equal("1.1.0", other.Version.ToString());
        Assert.Equal(2, Directory.EnumerateFileSystemEntries(one.Combine("cache")).Count());
    }

    [Fact]
    public void A_source_of_a_kind_the_tool_does_not_know_is_named()
    {
        using var temp = new TempFolder("unknown-kind");
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), cacheRoot: temp.Combine("cache"));

        var e = Assert.Throws<UpgradeException>(() => versions.Load(Id, new TemplateSource((TemplateSourceKind)7, "svn://example.com/templates"), null, temp.Path));

        Assert.Equal("unknown template source svn://example.com/templates", e.Message);
    }

    [Fact]
    public async Task A_tag_is_cloned_once_and_then_served_from_the_cache()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");
        var versions = Versions(origin);
        var first = versions.Fetch(Git(origin, "v1.0.0"));
        Directory.Delete(origin.Folder, true);

        var again = versions.Load(Id, Git(origin, "v1.0.0"), null, origin.Combine("repo"));

        Assert.Equal("1.0.0", again.Version.ToString());
        Assert.Equal(first, versions.Fetch(Git(origin, "v1.0.0")));
        Assert.True(File.Exists(Path.Combine(first, TemplateLoader.FileName)));
        Assert.Equal([first], Directory.EnumerateFileSystemEntries(origin.Combine("cache")));
    }

    [Fact]
    public async Task When_another_process_filled_the_cache_first_its_copy_is_used_and_ours_removed()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");
        var versions = Versions(origin);
        var cached = versions.Fetch(Git(origin, "v1.0.0"));
        // The other process's copy is in place, but our check for it ran before it was complete.
        Directory.Delete(Path.Combine(cached, ".git"), true);
        GitTemplateOrigin.SetVersion(cached, "1.0.1");

        var template = versions.Load(Id, Git(origin, "v1.0.0"), null, origin.Combine("repo"));

        Assert.Equal("1.0.1", template.Version.ToString());
        Assert.Equal([cached], Directory.EnumerateFileSystemEntries(origin.Combine("cache")));
    }

    [Fact]
    public void Only_a_git_source_can_be_fetched()
    {
        using var temp = new TempFolder("fetch-folder");
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), cacheRoot: temp.Combine("cache"));

        var e = Assert.Throws<ArgumentException>(() => versions.Fetch(TemplateSource.Folder("../v1")));

        Assert.Equal("gitSource", e.ParamName);
        Assert.StartsWith("not a git source", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("cache")));
    }

    [Fact]
    public void A_folder_source_offers_the_one_version_it_holds_and_refuses_another()
    {
        using var temp = new TempFolder("folder-source");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), temp.Combine("templates", "v2"));
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"));
        var repo = temp.Combine("repo");
        var source = TemplateSource.Folder("../templates/v2");

        Assert.Equal(["1.1.0"], versions.Available(Id, source, repo).Select(v => v.ToString()));
        Assert.Equal(source, versions.Load(Id, source, SemanticVersion.Parse("1.1.0"), repo).Source);
        var other = Assert.Throws<UpgradeException>(() => versions.Load(Id, source, SemanticVersion.Parse("1.0.0"), repo));
        Assert.Equal($"the folder '../templates/v2' holds service-config 1.1.0, not 1.0.0; point {Setting.To} or {Setting.From} at a folder or git tag with that version", other.Message);
        var missing = Assert.Throws<UpgradeException>(() => versions.Load("nope", source, null, repo));
        Assert.Equal($"no template 'nope' in the folder '../templates/v2' (resolved from the repo to {temp.Combine("templates", "v2")})", missing.Message);
    }

    /// <summary>A tool's templates: service-config 1.1.0 shipped, 1.0.0 and 1.1.0 kept as released versions.</summary>
    private static TemplateVersions Shipped(TempFolder temp, bool withReleases = true)
    {
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), temp.Combine("builtin", Id));
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v1"), temp.Combine("released", Id, "1.0.0"));
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), temp.Combine("released", Id, "1.1.0"));
        Directory.CreateDirectory(temp.Combine("released", Id, "drafts"));
        return new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), withReleases ? temp.Combine("released") : null);
    }

    [Fact]
    public void The_shipped_template_and_its_released_versions_are_offered_once_each()
    {
        using var temp = new TempFolder("shipped");
        var versions = Shipped(temp);
        var repo = temp.Combine("repo");

        Assert.Equal(["1.0.0", "1.1.0"], versions.Available(Id, TemplateSource.Builtin, repo).Select(v => v.ToString()));
        Assert.Equal(["1.1.0"], Shipped(temp, withReleases: false).Available(Id, TemplateSource.Builtin, repo).Select(v => v.ToString()));
        Assert.Equal("1.1.0", versions.Newest(Id, TemplateSource.Builtin, repo).ToString());
        Assert.Equal("1.1.0", versions.Load(Id, TemplateSource.Builtin, null, repo).Version.ToString());
        var released = versions.Load(Id, TemplateSource.Builtin, SemanticVersion.Parse("1.0.0"), repo);
        Assert.Equal("1.0.0", released.Version.ToString());
        Assert.Equal(TemplateSource.Builtin, released.Source);
        Assert.Equal(2, released.Parameters.Definitions.Count);
        Assert.NotNull(released.Parameters.Find("replicas"));
    }

    [Fact]
    public void A_version_the_tool_does_not_ship_says_how_to_upgrade_from_it()
    {
        using var temp = new TempFolder("not-shipped");
        var versions = Shipped(temp);
        var shippedOnly = Shipped(temp, withReleases: false);
        var repo = temp.Combine("repo");

        var notReleased = Assert.Throws<UpgradeException>(() => versions.Load(Id, TemplateSource.Builtin, SemanticVersion.Parse("1.0.5"), repo));
        var noReleases = Assert.Throws<UpgradeException>(() => shippedOnly.Load(Id, TemplateSource.Builtin, SemanticVersion.Parse("1.0.0"), repo));
        var unknown = Assert.Throws<UpgradeException>(() => versions.Load("nope", TemplateSource.Builtin, SemanticVersion.Parse("1.0.0"), repo));
        var unknownNewest = Assert.Throws<UpgradeException>(() => versions.Load("nope", TemplateSource.Builtin, null, repo));
        var none = Assert.Throws<UpgradeException>(() => versions.Newest("nope", TemplateSource.Builtin, repo));

        Assert.Equal($"this kafka-templates ships service-config 1.1.0, not 1.0.5. Give the repo's version with {Setting.From} <folder|git+URL@tag>, or use the kafka-templates release that shipped 1.0.5", notReleased.Message);
        Assert.Equal($"this kafka-templates ships service-config 1.1.0, not 1.0.0. Give the repo's version with {Setting.From} <folder|git+URL@tag>, or use the kafka-templates release that shipped 1.0.0", noReleases.Message);
        Assert.Equal("this kafka-templates ships no template 'nope'", unknown.Message);
        Assert.Equal("this kafka-templates ships no template 'nope'", unknownNewest.Message);
        Assert.Equal("builtin offers no version of nope", none.Message);
    }

    [Fact]
    public void A_released_version_that_declares_another_version_is_a_broken_build()
    {
        using var temp = new TempFolder("released");
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), temp.Combine("builtin", Id));
        UpgradeScenario.CopyTree(GitTemplateOrigin.Scenario("v2"), temp.Combine("released", Id, "1.0.0"));
        var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, temp.Combine("builtin"), temp.Combine("released"));

        var e = Assert.Throws<UpgradeException>(() => versions.Load(Id, TemplateSource.Builtin, SemanticVersion.Parse("1.0.0"), temp.Path));

        Assert.Equal("the released service-config 1.0.0 of this kafka-templates declares version 1.1.0; the build is broken, use another release of the tool", e.Message);
        Assert.Equal("1.1.0", versions.Load(Id, TemplateSource.Builtin, SemanticVersion.Parse("1.1.0"), temp.Path).Version.ToString());
    }
}

/// <summary>Without a cache folder given, git tags are cached in the user's local data folder. Alone: it changes XDG_DATA_HOME.</summary>
[Collection(ProcessEnvironmentAlone.Name)]
public class TemplateVersionsDefaultCacheTests
{
    [Fact]
    public async Task Tags_are_cached_under_the_user_s_local_data_folder()
    {
        using var origin = await GitTemplateOrigin.CreateAsync();
        await origin.PublishAsync(GitTemplateOrigin.Scenario("v1"), "", null, "v1.0.0");
        var saved = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", origin.Combine("data"));
        try
        {
            var versions = new TemplateVersions(UpgradeScenario.Engine.Loader, origin.Combine("builtin"));

            var checkout = versions.Fetch(TemplateSource.Git(origin.Url, "v1.0.0"));

            Assert.Equal(origin.Combine("data", "kafka-templates", "git"), Path.GetDirectoryName(checkout));
            Assert.True(File.Exists(Path.Combine(checkout, TemplateLoader.FileName)));
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", saved);
        }
    }
}
