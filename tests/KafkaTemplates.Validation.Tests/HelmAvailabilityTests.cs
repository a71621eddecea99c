using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>helm found on PATH or given explicitly renders the chart; without helm there is one warning and every file check still runs.</summary>
public class HelmAvailabilityTests
{
    [Fact]
    public async Task Helm_and_promtool_are_found_on_the_search_path()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var path = string.Join(Path.PathSeparator, Path.GetDirectoryName(Tool.Helm), Path.GetDirectoryName(Tool.Promtool));

        var report = await new RepoValidator().ValidateAsync(repo.Path,
            new ValidationOptions { SearchPath = path, KnownTemplates = Support.Validation.KnownTemplates });

        Assert.True(report.Diagnostics.Count == 0, Support.Validation.Describe(report));
        Assert.Empty(report.Skipped);
    }

    [Fact]
    public async Task Without_helm_there_is_exactly_one_warning_and_the_file_checks_still_find_defects()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var dockerfile = repo.Combine("Dockerfile");
        File.WriteAllText(dockerfile, File.ReadAllText(dockerfile).Replace("USER 1000:1000\n", "USER root\n", StringComparison.Ordinal));

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithoutTools());

        var warning = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Warning);
        Assert.Equal(DiagnosticCatalog.HelmNotFound.Code, warning.Code);
        Assert.Contains("helm", warning.Message, StringComparison.Ordinal);
        var error = Assert.Single(report.Diagnostics, d => d.Severity == Severity.Error);
        Assert.Equal(DiagnosticCatalog.ImageRunsAsRoot.Code, error.Code);
        Assert.Equal(2, report.Diagnostics.Count);
        Assert.Contains(report.Skipped, s => s.Reason.Contains("helm was not found", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Warnings_as_errors_turns_the_missing_helm_warning_into_an_error()
    {
        using var repo = await GeneratedRepo.CreateAsync();

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithoutTools() with { WarningsAsErrors = true });

        var only = Assert.Single(report.Diagnostics);
        Assert.Equal((DiagnosticCatalog.HelmNotFound.Code, Severity.Error), (only.Code, only.Severity));
        Assert.True(report.HasErrors);
    }

    [Fact]
    public async Task A_helm_path_that_does_not_exist_is_bad_input()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var missing = Path.Combine(repo.Path, "no-such-helm");

        var e = await Assert.ThrowsAsync<InvalidRepoException>(() =>
            Support.Validation.RunAsync(repo.Path, Support.Validation.WithTools() with { HelmPath = missing }));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chart_and_values_errors_keep_helm_from_running_and_say_so()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var values = repo.Combine("helm/values.yaml");
        File.WriteAllText(values, File.ReadAllText(values).Replace("defaultReplicationFactor: 0", "defaultReplicationFactor: 9", StringComparison.Ordinal));

        var report = await Support.Validation.RunAsync(repo.Path);

        Assert.Equal([DiagnosticCatalog.ReplicationAboveBrokers.Code], report.Diagnostics.Select(d => d.Code));
        var skipped = Assert.Single(report.Skipped);
        Assert.Contains("KT4001", skipped.Reason, StringComparison.Ordinal);
    }
}
