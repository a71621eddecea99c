using BenchmarkDotNet.Attributes;
using KafkaTemplates.Validation;

namespace KafkaTemplates.Benchmarks;

/// <summary>
/// Goal: validating a generated repo without helm under 200 ms in-process. The helm-driven part (helm lint and three
/// helm template runs, plus promtool) is reported separately, as it is dominated by those processes.
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private BenchRepos _repos = null!;
    private string _repo = null!;
    private readonly ValidationOptions _options = new() { KnownTemplates = ["hypertrace-kafka"] };

    [GlobalSetup]
    public void Setup()
    {
        _repos = new BenchRepos();
        _repo = _repos.GenerateAsync("repo", 3).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _repos.Dispose();

    [Benchmark(Description = "validate without helm (file checks)")]
    public ValidationReport WithoutHelm() => new RepoValidator().ValidateFiles(_repo, _options);

    [Benchmark(Description = "validate with helm and promtool")]
    public ValidationReport WithHelm() => new RepoValidator().ValidateAsync(_repo, _options with { SearchPath = Environment.GetEnvironmentVariable("PATH") }).GetAwaiter().GetResult();
}
