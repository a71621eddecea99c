using System.Diagnostics;
using KafkaTemplates.Testing;
using Xunit.Abstractions;

namespace KafkaTemplates.Cli.Tests;

/// <summary>
/// kill -9 of the real tool while it replaces thousands of files, at seeded moments spread over the time its writes
/// take; then the next command on the folder must say it recovered, and leave the folder exactly as before or
/// exactly as after, with no staging folder beside it. (Every single step is covered deterministically by
/// FolderJournalTests in the engine's tests; this is the same promise, held by the process as shipped.)
/// </summary>
public class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int FileCount = 1500;
    private const int Seed = 20261207;
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "kafka-templates.dll");

    private static void WriteTemplate(string folder, string version)
    {
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(folder).FullName, "template.yaml"), $"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: many-files
              annotations:
                kafka-templates.dev/version: {version}
            spec:
              type: service
              parameters: []
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
            """);
        for (var i = 0; i < FileCount; i++)
        {
            var path = Path.Combine(folder, "skeleton", $"part-{i % 30}", $"file-{i}.txt");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, $"file {i} of version {version}\n");
        }
    }

    private static Task<KafkaTemplates.Engine.Tools.ToolResult> CliAsync(string workingDirectory, params string[] args) =>
        CliAsync(workingDirectory, CancellationToken.None, args);

    private static Task<KafkaTemplates.Engine.Tools.ToolResult> CliAsync(string workingDirectory, CancellationToken cancellationToken, params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [Tool, .. args], workingDirectory, new Dictionary<string, string?> { ["CI"] = "true" },
            timeout: TimeSpan.FromMinutes(5), cancellationToken: cancellationToken);

    private static string Snapshot(string folder) => string.Join("\n",
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Select(p => (Relative: Path.GetRelativePath(folder, p), Full: p))
            .OrderBy(p => p.Relative, StringComparer.Ordinal)
            .Select(p => Directory.Exists(p.Full) ? p.Relative + "/" : $"{p.Relative} {File.ReadAllText(p.Full)}"));

    /// <summary>Starts the tool, waits until its journal exists (the swapping begins), waits <paramref name="delay"/>, and kills it with SIGKILL.</summary>
    private static async Task<bool> KillDuringWriteAsync(string workingDirectory, string parent, TimeSpan delay, params string[] args)
    {
        using var kill = new CancellationTokenSource();
        var run = CliAsync(workingDirectory, kill.Token, args);
        var clock = Stopwatch.StartNew();
        while (!run.IsCompleted && clock.Elapsed < TimeSpan.FromMinutes(3)
               && !Directory.EnumerateDirectories(parent, ".repo.kafka-templates-*").Any(d => File.Exists(Path.Combine(d, "journal"))))
            await Task.Delay(1);
        var started = !run.IsCompleted;
        if (delay > TimeSpan.Zero) await Task.WhenAny(run, Task.Delay(delay));
        // SIGKILL through the process runner's cancellation: no handler, no finally block runs.
        if (!run.IsCompleted) await kill.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // Killed, as intended.
        }
        return started;
    }

    /// <summary>Runs <paramref name="args"/> once undisturbed to learn the "after" state and how long the swapping takes.</summary>
    private static async Task<(string After, TimeSpan Swap)> ReferenceAsync(string root, string repo, params string[] args)
    {
        var work = Path.Combine(root, "reference");
        FolderCopy.Copy(Path.GetDirectoryName(repo)!, work);
        var clock = Stopwatch.StartNew();
        await KillDuringWriteAsync(work, work, TimeSpan.FromMinutes(5), args);
        var after = Snapshot(Path.Combine(work, "repo"));
        return (after, clock.Elapsed);
    }

    private async Task AssertRecoversAsync(string root, string[] args, int runs)
    {
        var original = Path.Combine(root, "original", "repo");
        var before = Snapshot(original);
        var (after, _) = await ReferenceAsync(root, original, args);
        Assert.NotEqual(before, after);
        var swap = await MeasureSwapAsync(root, original, args);

        var random = new Random(Seed);
        var finished = 0;
        // On a loaded machine every seeded kill can miss the swap; then up to four more kill as soon as the journal
        // appears, so the harness always exercises a recovery from the journal.
        var run = 0;
        for (; run < runs || (finished == 0 && run < runs + 4); run++)
        {
            var work = Path.Combine(root, $"run-{run}");
            FolderCopy.Copy(Path.GetDirectoryName(original)!, work);
            var delay = run < runs ? TimeSpan.FromMilliseconds(random.NextDouble() * swap.TotalMilliseconds) : TimeSpan.Zero;
            await KillDuringWriteAsync(work, work, delay, args);

            var check = await CliAsync(work, "check", "repo", "--format", "json");
            var state = Snapshot(Path.Combine(work, "repo"));
            Assert.True(state == before || state == after, $"run {run} (kill after {delay.TotalMilliseconds:0} ms) left a mixed folder\n{check}");
            Assert.Equal(["repo"], Directory.EnumerateFileSystemEntries(work).Where(e => !e.EndsWith("template-v1", StringComparison.Ordinal) && !e.EndsWith("template-v2", StringComparison.Ordinal)).Select(Path.GetFileName));
            if (check.StandardError.Contains("finished that write from its journal", StringComparison.Ordinal))
            {
                Assert.Equal(after, state);
                finished++;
            }
            Directory.Delete(work, recursive: true);
        }
        output.WriteLine($"{run} kills over {swap.TotalMilliseconds:0} ms of swapping {FileCount} files: {finished} finished from the journal, {run - finished} found the folder whole");
        Assert.True(finished > 0, $"none of the {run} kills landed while files were swapped (swapping took {swap.TotalMilliseconds:0} ms)");
    }

    /// <summary>How long the swapping takes, from the journal's appearance to the process's exit.</summary>
    private static async Task<TimeSpan> MeasureSwapAsync(string root, string original, string[] args)
    {
        var work = Path.Combine(root, "measure");
        FolderCopy.Copy(Path.GetDirectoryName(original)!, work);
        var run = CliAsync(work, args);
        while (!run.IsCompleted && !Directory.EnumerateDirectories(work, ".repo.kafka-templates-*").Any(d => File.Exists(Path.Combine(d, "journal"))))
            await Task.Delay(1);
        var clock = Stopwatch.StartNew();
        await run;
        Directory.Delete(work, recursive: true);
        return clock.Elapsed;
    }

    private static async Task<string> SetUpAsync(TempFolder temp)
    {
        var original = temp.Combine("original");
        WriteTemplate(Path.Combine(original, "template-v1"), "1.0.0");
        WriteTemplate(Path.Combine(original, "template-v2"), "2.0.0");
        var created = await CliAsync(original, "new", "./template-v1", "-o", "repo", "--no-validate");
        Assert.True(created.ExitCode == 0, created.ToString());
        return original;
    }

    [Fact]
    public async Task Kill_9_during_upgrade_is_recovered_by_the_next_command()
    {
        using var temp = new TempFolder("crash-upgrade");
        await SetUpAsync(temp);
        await AssertRecoversAsync(temp.Path, ["upgrade", "repo", "--to", "./template-v2", "--allow-dirty"], runs: 12);
    }

    [Fact]
    public async Task Kill_9_during_new_force_over_an_existing_repo_is_recovered_by_the_next_command()
    {
        using var temp = new TempFolder("crash-new");
        await SetUpAsync(temp);
        await AssertRecoversAsync(temp.Path, ["new", "./template-v2", "-o", "repo", "--force", "--no-validate"], runs: 8);
    }
}
