using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Tests.Fixtures;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Writing;

public class AtomicDirectoryWriterTests
{
    private static FileSet Files(params (string Path, string Text)[] files)
    {
        var set = new FileSet();
        foreach (var (p, t) in files) set.Put(GeneratedFile.FromText(p, t));
        return set;
    }

    [Fact]
    public void Writes_files_with_their_modes_and_leaves_no_staging_folder()
    {
        using var temp = new TempFolder();
        var set = Files(("a.txt", "a"), ("deep/b.txt", "b"));
        set.Put(GeneratedFile.FromText("run.sh", "#!/bin/sh\n", RepoFileMode.Executable));
        var target = temp.Combine("repo");

        AtomicDirectoryWriter.Write(set, target);

        Assert.Equal("b", File.ReadAllText(Path.Combine(target, "deep", "b.txt")));
        Assert.Equal(RepoFileMode.Executable, RepoFileModes.Read(Path.Combine(target, "run.sh")));
        Assert.Equal(RepoFileMode.Regular, RepoFileModes.Read(Path.Combine(target, "a.txt")));
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Refuses_a_non_empty_target_without_force_and_changes_nothing()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        temp.Write("repo/mine.txt", "my work");

        var e = Assert.Throws<TargetNotEmptyException>(() => AtomicDirectoryWriter.Write(Files(("mine.txt", "theirs")), target));

        Assert.Contains($"pass {KafkaTemplates.Engine.Text.Setting.Force}", e.Message, StringComparison.Ordinal);
        Assert.Equal("my work", File.ReadAllText(Path.Combine(target, "mine.txt")));
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void With_force_replaces_generated_files_and_keeps_the_others()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        temp.Write("repo/mine.txt", "my work");
        temp.Write("repo/a.txt", "old");

        AtomicDirectoryWriter.Write(Files(("a.txt", "new")), target, new WriteOptions { Force = true });

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal("my work", File.ReadAllText(Path.Combine(target, "mine.txt")));
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task With_force_the_target_stays_the_same_folder_and_links_stay_links()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        temp.Write("outside.txt", "shared");
        temp.Write("repo/a.txt", "old");
        File.CreateSymbolicLink(Path.Combine(target, "link"), "../outside.txt");
        File.CreateSymbolicLink(Path.Combine(target, "dangling"), "nowhere");
        var inode = await InodeAsync(target);

        AtomicDirectoryWriter.Write(Files(("a.txt", "new"), ("deep/b.txt", "b")), target, new WriteOptions { Force = true });

        // A shell standing in the folder is still in it: the folder was filled, not replaced.
        Assert.Equal(inode, await InodeAsync(target));
        Assert.Equal("new", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal("../outside.txt", new FileInfo(Path.Combine(target, "link")).LinkTarget);
        Assert.Equal("nowhere", new FileInfo(Path.Combine(target, "dangling")).LinkTarget);
        Assert.Equal("shared", File.ReadAllText(temp.Combine("outside.txt")));
        Assert.Equal(["outside.txt", "repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("file-where-a-folder-goes", "is a file, and the template needs a folder there for helm/values.yaml; move the file away")]
    [InlineData("folder-where-a-file-goes", "is a folder, and the template writes a file there; move the folder away")]
    [InlineData("link-where-a-folder-goes", "is a symbolic link (to ../elsewhere), and the template writes helm/values.yaml inside it")]
    [InlineData("link-where-a-file-goes", "is a symbolic link (to ../elsewhere/keep.txt), and the template writes README.md there; kafka-templates never writes through a link")]
    public void With_force_a_set_that_does_not_fit_the_folder_is_refused_naming_the_users_path_and_nothing_changes(string layout, string message)
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        temp.Write("repo/mine.txt", "my work");
        temp.Write("elsewhere/keep.txt", "keep");
        switch (layout)
        {
            case "file-where-a-folder-goes": temp.Write("repo/helm", "a file"); break;
            case "folder-where-a-file-goes": temp.Write("repo/README.md/inside.txt", "x"); break;
            case "link-where-a-file-goes": File.CreateSymbolicLink(Path.Combine(target, "README.md"), "../elsewhere/keep.txt"); break;
            default: Directory.CreateSymbolicLink(Path.Combine(target, "helm"), "../elsewhere"); break;
        }

        var e = Assert.Throws<IOException>(() =>
            AtomicDirectoryWriter.Write(Files(("README.md", "new"), ("helm/values.yaml", "v"), ("mine.txt", "theirs")), target, new WriteOptions { Force = true }));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains(target, e.Message, StringComparison.Ordinal);
        Assert.Equal("my work", File.ReadAllText(Path.Combine(target, "mine.txt")));
        Assert.Equal(["keep.txt"], Directory.EnumerateFileSystemEntries(temp.Combine("elsewhere")).Select(Path.GetFileName));
        Assert.Equal(["elsewhere", "repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_dangling_link_as_the_target_is_named_as_a_link_not_a_file()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        File.CreateSymbolicLink(target, "nowhere");

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target));

        Assert.Equal($"'{target}' is a symbolic link to nowhere, which does not exist; remove the link or give another folder", e.Message);
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_named_as_the_user_gave_it_never_as_the_staging_folder()
    {
        var e = Assert.ThrowsAny<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), "/proc/kafka-templates-test"));

        Assert.StartsWith("cannot write '/proc/kafka-templates-test': ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("choose a folder you can write to", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("kafka-templates-test.kafka-templates-", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_target_is_refused_before_anything_is_read(string target)
    {
        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target));
        Assert.Equal("the output folder is empty; give the folder to create", e.Message);
    }

    private static async Task<string> InodeAsync(string path)
    {
        var stat = await ProcessRunner.RunAsync("stat", ["-c", "%i", path]);
        Assert.True(stat.ExitCode == 0, stat.ToString());
        return stat.StandardOutput.Trim();
    }

    [Fact]
    public void An_empty_target_folder_is_filled()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        Directory.CreateDirectory(target);
        AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target);
        Assert.True(File.Exists(Path.Combine(target, "a.txt")));
    }

    [Fact]
    public void A_failure_while_writing_leaves_no_target_and_no_staging_folder()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        var set = Files(("a.txt", "a"));
        // A file set cannot hold an unsafe path, so break the write another way: a file where a folder must go.
        set.Put(GeneratedFile.FromText("z/file.txt", "z"));
        File.WriteAllText(temp.Combine("blocker"), "");
        var blocked = temp.Combine("blocker", "repo");

        Assert.ThrowsAny<IOException>(() => AtomicDirectoryWriter.Write(set, blocked));

        Assert.Equal(["blocker"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_step_that_fails_midway_writes_nothing()
    {
        using var temp = new TempFolder();
        var engine = new EngineServices();
        var template = engine.Loader.Load(FixtureTemplates.Path("TemplateThatFailsMidway"));

        var e = await Assert.ThrowsAsync<ScaffoldException>(() =>
            engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, new AnswerInput()), new ScaffoldOptions(), ScaffoldLog.Null));

        Assert.Equal("step 'rename': 'does-not-exist.txt' does not exist in the workspace", e.Message);
        // Rendering happens before writing, so the failure is found before any folder exists.
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp.Path));
    }
}
