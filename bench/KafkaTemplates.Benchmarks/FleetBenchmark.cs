using System.Collections.Concurrent;
using System.Diagnostics;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Benchmarks;

/// <summary>
/// Goal: check plus diff over 1,000 generated repos in under 10 seconds on a 2-core machine. This is wall time of the
/// whole fleet with the same parallelism the CLI uses, so it runs once rather than under BenchmarkDotNet:
/// dotnet run -c Release --project bench/KafkaTemplates.Benchmarks -- fleet [repos]
/// </summary>
internal static class FleetBenchmark
{
    public static async Task<int> RunAsync(int count)
    {
        using var repos = new BenchRepos();
        var clock = Stopwatch.StartNew();
        var folders = new string[count];
        await Parallel.ForAsync(0, count, async (i, _) => folders[i] = await repos.GenerateAsync(Path.Combine("fleet", $"repo-{i:D4}"), i));
        Console.WriteLine($"generated {count} repos in {clock.Elapsed.TotalSeconds:F1} s");

        var versions = new TemplateVersions(repos.Engine.Loader, Path.Combine(repos.Root, "no-builtin"));
        var upgrader = new Upgrader(repos.Engine, versions);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };

        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        clock.Restart();
        var behind = 0;
        Parallel.ForEach(folders, parallel, repo =>
        {
            var answers = Upgrader.ReadAnswers(repo);
            if (answers.Version < versions.Newest(answers.Template, answers.Source, repo)) Interlocked.Increment(ref behind);
        });
        var check = clock.Elapsed;
        process.Refresh();
        var checkCpu = process.TotalProcessorTime - cpuBefore;

        clock.Restart();
        var changed = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(folders, parallel, async (repo, ct) =>
        {
            var plan = await upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = repo, To = repos.V2 }, ct);
            changed.Add(plan.CleanChanges);
        });
        var diff = clock.Elapsed;
        process.Refresh();
        var diffCpu = process.TotalProcessorTime - cpuBefore - checkCpu;

        // CPU time says what the work costs when other processes share the cores, where wall time says little.
        Console.WriteLine($"check: {count} repos in {check.TotalSeconds:F2} s ({behind} behind), CPU {checkCpu.TotalSeconds:F2} s");
        Console.WriteLine($"diff to 1.1.0: {count} repos in {diff.TotalSeconds:F2} s ({changed.Sum()} clean file changes), CPU {diffCpu.TotalSeconds:F2} s");
        Console.WriteLine($"check + diff: {(check + diff).TotalSeconds:F2} s on {Environment.ProcessorCount} cores, CPU {(checkCpu + diffCpu).TotalSeconds:F2} s");
        Console.WriteLine($"load average: {LoadAverage()} (other processes share the cores when it is above {Environment.ProcessorCount})");
        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
