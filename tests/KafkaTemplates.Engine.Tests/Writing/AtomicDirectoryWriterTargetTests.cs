using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Writing;

/// <summary>
/// What the writer does with the target it is given before any file moves: targets that are no folder are refused
/// in words that name them, a link to a folder and a trailing slash are the folder, and a write or an upgrade after
/// a crash first finishes the crashed one (each crash state copied at a real step, as kill -9 leaves it).
/// </summary>
public class AtomicDirectoryWriterTargetTests
{
    private static FileSet Files(params (string Path, string Text)[] files)
    {
        var set = new FileSet();
        foreach (var (p, t) in files) set.Put(GeneratedFile.FromText(p, t));
        return set;
    }

    private static string[] Entries(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal)];

    [Fact]
    public void A_target_that_is_a_file_is_refused_and_kept()
    {
        using var temp = new TempFolder();
        var target = temp.Write("repo", "a file");

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target, new WriteOptions { Force = true }));

        Assert.Equal($"'{target}' is a file; give a folder path", e.Message);
        Assert.Equal("a file", File.ReadAllText(target));
        Assert.Equal(["repo"], Entries(temp.Path));
    }

    [Fact]
    public async Task A_target_that_is_a_fifo_is_refused()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo");
        var mkfifo = await ProcessRunner.RunAsync("mkfifo", [target]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.ToString());

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target, new WriteOptions { Force = true }));

        Assert.Equal($"'{target}' is a FIFO, socket or device; give a folder path", e.Message);
        Assert.Equal(["repo"], Entries(temp.Path));
    }

    [Fact]
    public void A_target_that_links_to_a_file_is_refused_naming_the_link()
    {
        using var temp = new TempFolder();
        temp.Write("notes.txt", "mine");
        var target = temp.Combine("repo");
        File.CreateSymbolicLink(target, "notes.txt");

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target, new WriteOptions { Force = true }));

        Assert.Equal($"'{target}' is a symbolic link to notes.txt, which is not a folder; remove the link or give another folder", e.Message);
        Assert.Equal("mine", File.ReadAllText(temp.Combine("notes.txt")));
        Assert.Equal(["notes.txt", "repo"], Entries(temp.Path));
    }

    [Fact]
    public void A_target_that_links_through_another_link_to_nothing_is_named_as_missing()
    {
        using var temp = new TempFolder();
        File.CreateSymbolicLink(temp.Combine("hop"), "nowhere");
        var target = temp.Combine("repo");
        File.CreateSymbolicLink(target, "hop");

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target));

        // The link it points to exists, but the end of the chain does not.
        Assert.Equal($"'{target}' is a symbolic link to hop, which does not exist; remove the link or give another folder", e.Message);
        Assert.Equal(["hop", "repo"], Entries(temp.Path));
    }

    [Fact]
    public void A_target_that_links_to_an_empty_folder_is_filled_through_the_link()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("real"));
        var target = temp.Combine("repo");
        Directory.CreateSymbolicLink(target, "real");

        AtomicDirectoryWriter.Write(Files(("a.txt", "a"), ("deep/b.txt", "b")), target);

        Assert.Equal("real", new FileInfo(target).LinkTarget);
        Assert.Equal("b", File.ReadAllText(temp.Combine("real", "deep", "b.txt")));
        Assert.Equal(["a.txt", "deep"], Entries(temp.Combine("real")));
        Assert.Equal(["real", "repo"], Entries(temp.Path));
    }

    [Fact]
    public void A_trailing_slash_names_the_same_folder_new_or_existing()
    {
        using var temp = new TempFolder();
        var target = temp.Combine("repo") + Path.DirectorySeparatorChar;

        AtomicDirectoryWriter.Write(Files(("a.txt", "a")), target);
        Assert.Equal(["a.txt"], Entries(temp.Combine("repo")));
        AtomicDirectoryWriter.Write(Files(("a.txt", "new"), ("b.txt", "b")), target, new WriteOptions { Force = true });
        AtomicDirectoryWriter.Apply(target, [("c.txt", GeneratedFile.FromText("c.txt", "c")), ("b.txt", null)]);

        Assert.Equal(["a.txt", "c.txt"], Entries(temp.Combine("repo")));
        Assert.Equal("new", File.ReadAllText(temp.Combine("repo", "a.txt")));
        Assert.Equal(["repo"], Entries(temp.Path));
    }

    [Fact]
    public void The_root_folder_is_refused_as_there_is_no_folder_beside_it_to_stage_in()
    {
        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Write(Files(("a.txt", "a")), "/", new WriteOptions { Force = true }));

        Assert.Equal("'/' has no parent folder to stage the files in; give a folder below it", e.Message);
        Assert.False(File.Exists("/a.txt"));
    }

    [Fact]
    public void Without_options_a_folder_with_files_is_refused_and_an_empty_one_filled()
    {
        using var temp = new TempFolder();
        temp.Write("full/mine.txt", "my work");
        Directory.CreateDirectory(temp.Combine("empty"));

        Assert.Throws<TargetNotEmptyException>(() => AtomicDirectoryWriter.Write(Files(("mine.txt", "theirs")), temp.Combine("full")));
        AtomicDirectoryWriter.Write(Files(("a.txt", "a")), temp.Combine("empty"), null);

        Assert.Equal("my work", File.ReadAllText(temp.Combine("full", "mine.txt")));
        Assert.Equal(["a.txt"], Entries(temp.Combine("empty")));
    }

    [Fact]
    public void Changes_to_a_missing_folder_are_refused_naming_it()
    {
        using var temp = new TempFolder();
        var missing = temp.Combine("repo");

        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicDirectoryWriter.Apply(missing, [("a.txt", GeneratedFile.FromText("a.txt", "a"))]));

        Assert.Equal($"'{missing}' does not exist", e.Message);
        Assert.Empty(Entries(temp.Path));
    }

    [Fact]
    public void Changes_through_a_symbolic_link_are_refused_and_nothing_changes()
    {
        using var temp = new TempFolder();
        temp.Write("outside/keep.txt", "keep");
        temp.Write("repo/a.txt", "old");
        Directory.CreateSymbolicLink(temp.Combine("repo", "helm"), "../outside");

        var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Apply(temp.Combine("repo"),
            [("a.txt", GeneratedFile.FromText("a.txt", "new")), ("helm/values.yaml", GeneratedFile.FromText("helm/values.yaml", "v"))]));

        Assert.Contains("is a symbolic link (to ../outside), and the template writes helm/values.yaml inside it", e.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(temp.Combine("repo", "a.txt")));
        Assert.Equal(["keep.txt"], Entries(temp.Combine("outside")));
        Assert.Equal(["outside", "repo"], Entries(temp.Path));
    }

    /// <summary>
    /// Runs <paramref name="write"/> on a live folder, copying the parent folder at every step; returns the copies
    /// (each what kill -9 at that step leaves: no lock, as a dead process holds none).
    /// </summary>
    private static List<string> CrashCopies(TempFolder temp, string live, Action write)
    {
        var copies = new List<string>();
        FolderJournal.StepObserver.Value = () =>
        {
            var copy = temp.Combine("crash-" + copies.Count);
            Directory.CreateDirectory(copy);
            foreach (var dir in Directory.EnumerateDirectories(live, "*", SearchOption.AllDirectories))
                Directory.CreateDirectory(Path.Combine(copy, Path.GetRelativePath(live, dir)));
            foreach (var file in Directory.EnumerateFiles(live, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "lock"))
                File.Copy(file, Path.Combine(copy, Path.GetRelativePath(live, file)));
            copies.Add(copy);
        };
        try
        {
            write();
        }
        finally
        {
            FolderJournal.StepObserver.Value = null;
        }
        return copies;
    }

    private static string Snapshot(string folder) => FolderJournalTests.Snapshot(folder);

    [Fact]
    public void An_upgrade_or_a_forced_write_after_a_crashed_upgrade_first_finishes_or_undoes_it()
    {
        using var temp = new TempFolder("writer-crash");
        var live = temp.Combine("live");
        temp.Write("live/repo/a.txt", "old a");
        temp.Write("live/repo/gone.txt", "gone");
        var before = Snapshot(Path.Combine(live, "repo"));
        List<(string, GeneratedFile?)> changes = [("a.txt", GeneratedFile.FromText("a.txt", "new a")), ("gone.txt", null), ("new/c.txt", GeneratedFile.FromText("new/c.txt", "c"))];
        var copies = CrashCopies(temp, live, () => AtomicDirectoryWriter.Apply(Path.Combine(live, "repo"), changes));
        var after = Snapshot(Path.Combine(live, "repo"));
        Assert.True(copies.Count >= 8, $"only {copies.Count} steps were observed");

        var finished = 0;
        foreach (var copy in copies)
        {
            // The same crash, met once by an upgrade with nothing to change and once by a forced write of nothing.
            var second = copy + "-write";
            FolderCopy.Copy(copy, second);
            AtomicDirectoryWriter.Apply(Path.Combine(copy, "repo"), []);
            AtomicDirectoryWriter.Write(new FileSet(), Path.Combine(second, "repo"), new WriteOptions { Force = true });
            foreach (var folder in new[] { copy, second })
            {
                var state = Snapshot(Path.Combine(folder, "repo"));
                Assert.True(state == before || state == after, $"{folder} is neither the old nor the new folder:\n{state}");
                Assert.Equal(["repo"], Entries(folder));
                if (state == after) finished++;
            }
        }
        Assert.True(finished >= 4, $"only {finished / 2} crashes were finished rather than undone");
    }

    [Fact]
    public void A_write_after_a_crashed_write_of_a_new_folder_leaves_no_staging_folder()
    {
        using var temp = new TempFolder("writer-crash-new");
        var live = temp.Combine("live");
        Directory.CreateDirectory(live);
        var set = Files(("a.txt", "a"), ("deep/b.txt", "b"), ("c.txt", "c"));
        var copies = CrashCopies(temp, live, () => AtomicDirectoryWriter.Write(set, Path.Combine(live, "repo")));
        var expected = Snapshot(Path.Combine(live, "repo"));
        Assert.True(copies.Count >= 3, $"only {copies.Count} steps were observed");

        foreach (var copy in copies)
        {
            AtomicDirectoryWriter.Write(set, Path.Combine(copy, "repo"), new WriteOptions { Force = true });
            Assert.Equal(["repo"], Entries(copy));
            Assert.Equal(expected, Snapshot(Path.Combine(copy, "repo")));
        }
    }
}
