using BenchmarkDotNet.Attributes;
using KafkaTemplates.Upgrades.Applying;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Benchmarks;

/// <summary>Diffing and upgrading one hypertrace-kafka repo from 1.0.0 to 1.1.0 in-process.</summary>
[MemoryDiagnoser]
public class UpgradeBenchmarks
{
    private BenchRepos _repos = null!;
    private Upgrader _upgrader = null!;
    private string _repo = null!;

    [GlobalSetup]
    public void Setup()
    {
        _repos = new BenchRepos();
        _upgrader = new Upgrader(_repos.Engine, new TemplateVersions(_repos.Engine.Loader, Path.Combine(_repos.Root, "no-builtin")));
        _repo = _repos.GenerateAsync("repo", 3).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _repos.Dispose();

    [IterationSetup(Target = nameof(Upgrade))]
    public void Regenerate() => _repos.GenerateAsync("repo", 3).GetAwaiter().GetResult();

    [Benchmark(Description = "diff one repo (plan with template diffs)")]
    public UpgradePlan Diff() =>
        _upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = _repo, To = _repos.V2, WithDiffs = true }).GetAwaiter().GetResult();

    [Benchmark(Description = "upgrade one repo (plan and apply)")]
    public int Upgrade() =>
        UpgradeApplier.Apply(_upgrader.PlanAsync(new UpgradeRequest { RepoDirectory = _repo, To = _repos.V2 }).GetAwaiter().GetResult());
}
