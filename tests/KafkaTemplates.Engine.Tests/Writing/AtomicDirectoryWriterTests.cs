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

        Assert.Contains("pass --force", e.Message, StringComparison.Ordinal);
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
