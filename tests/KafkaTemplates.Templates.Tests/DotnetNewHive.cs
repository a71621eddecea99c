using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// A dotnet new template hive of the tests' own (--debug:custom-hive), so installing the repository's templates never
/// touches the user's dotnet new setup. Created once per test run.
/// </summary>
public static class DotnetNewHive
{
    private static readonly Lazy<Task<string>> Repository = new(() => InstallAsync(RepoRoot.Path));

    public static Task<string> RepositoryAsync() => Repository.Value;

    public static async Task<string> InstallAsync(string source)
    {
        var hive = Path.Combine(Path.GetTempPath(), $"kt-hive-{Guid.NewGuid():N}");
        var result = await ProcessRunner.RunAsync("dotnet", ["new", "install", source, "--debug:custom-hive", hive], RepoRoot.Path);
        if (result.ExitCode != 0) throw new InvalidOperationException("dotnet new install failed: " + result);
        return hive;
    }
}
