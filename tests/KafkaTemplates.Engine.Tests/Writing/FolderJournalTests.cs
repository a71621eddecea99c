using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Writing;

/// <summary>
/// A crash can stop a write between any two steps. These tests copy the folder and its staging folder at every
/// step of a real write (each copy is exactly what kill -9 at that moment leaves), run the recovery on each copy, and
/// require the folder to be exactly as before or exactly as after, with no staging folder left. The kill -9 tests of
/// the real CLI are in KafkaTemplates.Cli.Tests (CrashRecoveryTests).
/// </summary>
public class FolderJournalTests
{
    private static void Seed(string repo)
    {
        Directory.CreateDirectory(Path.Combine(repo, "sub"));
        File.WriteAllText(Path.Combine(repo, "a.txt"), "old a");
        File.WriteAllText(Path.Combine(repo, "keep.txt"), "the team's own file");
        File.WriteAllText(Path.Combine(repo, "sub", "b.sh"), "old b");
        File.WriteAllText(Path.Combine(repo, "gone.txt"), "removed by the template");
        File.WriteAllText(Path.Combine(repo, ".kafka-templates.yaml"), "version: 1.0.0\n");
    }

    private static List<(string Path, GeneratedFile? File)> Changes() =>
    [
        ("a.txt", GeneratedFile.FromText("a.txt", "new a")),
        ("sub/b.sh", GeneratedFile.FromText("sub/b.sh", "new b", RepoFileMode.Executable)),
        ("gone.txt", null),
        ("new/deep/c.txt", GeneratedFile.FromText("new/deep/c.txt", "added")),
        (".kafka-templates.yaml", GeneratedFile.FromText(".kafka-templates.yaml", "version: 1.1.0\n")),
    ];

    /// <summary>Every entry of a folder: path, kind, content and mode; empty folders count.</summary>
    internal static string Snapshot(string folder) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => (Relative: Path.GetRelativePath(folder, p), Full: p))
            .OrderBy(p => p.Relative, StringComparer.Ordinal)
            .Select(p => Directory.Exists(p.Full)
                ? $"{p.Relative}/"
                : $"{p.Relative} {Convert.ToString((int)File.GetUnixFileMode(p.Full), 8)} {File.ReadAllText(p.Full)}"));

    /// <summary>Copies the parent folder (the target and its staging folders) as a crash would leave it; a lock is never copied, as a dead process holds none.</summary>
    private static void CopyAsCrashed(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "lock"))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, dest);
            File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
        }
    }

    private static (string Before, string After) Reference(TempFolder temp)
    {
        var repo = temp.Combine("reference", "repo");
        Seed(repo);
        var before = Snapshot(repo);
        AtomicDirectoryWriter.Apply(repo, Changes());
        return (before, Snapshot(repo));
    }

    [Fact]
    public void A_crash_at_any_step_of_a_write_is_recovered_to_exactly_the_old_or_the_new_folder()
    {
        using var temp = new TempFolder("journal");
        var (before, after) = Reference(temp);
        Assert.NotEqual(before, after);
        var live = temp.Combine("live");
        Seed(Path.Combine(live, "repo"));
        var crashes = new List<string>();
        FolderJournal.StepObserver.Value = () =>
        {
            var copy = temp.Combine("crash-" + crashes.Count);
            CopyAsCrashed(live, copy);
            crashes.Add(copy);
        };
        try
        {
            AtomicDirectoryWriter.Apply(Path.Combine(live, "repo"), Changes());
        }
        finally
        {
            FolderJournal.StepObserver.Value = null;
        }

        // Staging 4 files, the journal, 2 renames per replaced file and 1 per added or deleted one, the commit.
        Assert.True(crashes.Count >= 12, $"only {crashes.Count} steps were observed");
        var finished = 0;
        foreach (var crash in crashes)
        {
            var repo = Path.Combine(crash, "repo");
            var recovery = FolderJournal.Recover(repo);
            var state = Snapshot(repo);
            Assert.True(state == before || state == after, $"{crash} recovered to neither state ({recovery?.Message}):\n{state}");
            Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(crash).Select(Path.GetFileName));
            if (recovery?.Message.Contains("finished that write", StringComparison.Ordinal) == true)
            {
                Assert.Equal(after, state);
                finished++;
            }
            Assert.Null(FolderJournal.Recover(repo));
        }
        Assert.True(finished >= 8, $"only {finished} of the crashes happened while files were swapped");
        Assert.Equal(after, Snapshot(Path.Combine(live, "repo")));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(11)]
    public void A_failure_midway_puts_every_file_back_and_a_crash_during_that_roll_back_is_rolled_back_too(int failAt)
    {
        using var temp = new TempFolder("journal");
        var (before, _) = Reference(temp);
        var live = temp.Combine("live");
        var repoPath = Path.Combine(live, "repo");
        Seed(repoPath);
        var step = 0;
        var rollingBack = new List<string>();
        FolderJournal.StepObserver.Value = () =>
        {
            step++;
            if (step == failAt) throw new IOException("disk full (simulated)");
            if (step > failAt)
            {
                var copy = temp.Combine("crash-" + step);
                CopyAsCrashed(live, copy);
                rollingBack.Add(copy);
            }
        };
        try
        {
            var e = Assert.Throws<IOException>(() => AtomicDirectoryWriter.Apply(repoPath, Changes()));
            Assert.Equal("disk full (simulated)", e.Message);
        }
        finally
        {
            FolderJournal.StepObserver.Value = null;
        }

        Assert.Equal(before, Snapshot(repoPath));
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(live).Select(Path.GetFileName));
        Assert.NotEmpty(rollingBack);
        foreach (var crash in rollingBack)
        {
            var recovery = FolderJournal.Recover(Path.Combine(crash, "repo"));
            Assert.Equal(before, Snapshot(Path.Combine(crash, "repo")));
            Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(crash).Select(Path.GetFileName));
            Assert.True(recovery is null || recovery.Message.Contains("put back", StringComparison.Ordinal) || recovery.Message.Contains("the folder is whole", StringComparison.Ordinal), recovery?.Message);
        }
    }

    [Fact]
    public async Task A_folder_another_process_is_writing_is_left_alone()
    {
        using var temp = new TempFolder("journal");
        var repo = temp.Combine("repo");
        Seed(repo);
        using var paused = new ManualResetEventSlim();
        using var resume = new ManualResetEventSlim();
        var writer = Task.Run(() =>
        {
            FolderJournal.StepObserver.Value = () =>
            {
                if (paused.IsSet) return;
                paused.Set();
                resume.Wait();
            };
            AtomicDirectoryWriter.Apply(repo, Changes());
        });
        paused.Wait(TimeSpan.FromSeconds(60));

        var e = Assert.Throws<FolderBusyException>(() => FolderJournal.Recover(repo));
        Assert.Contains($"(pid {Environment.ProcessId}) is writing '{repo}' at this moment", e.Message, StringComparison.Ordinal);

        resume.Set();
        await writer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("new a", File.ReadAllText(Path.Combine(repo, "a.txt")));
        Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_journal_that_cannot_be_read_is_reported_and_nothing_is_guessed()
    {
        using var temp = new TempFolder("journal");
        var repo = temp.Combine("repo");
        Seed(repo);
        var staging = temp.Combine(".repo.kafka-templates-0123.tmp");
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, "journal"), "{ not json");

        var e = Assert.Throws<IOException>(() => FolderJournal.Recover(repo));

        Assert.Contains("cannot be read", e.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(staging));
    }
}
