namespace KafkaTemplates.Benchmarks;

/// <summary>Finds the repository (and so templates/) from wherever BenchmarkDotNet runs the benchmark process.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    public static string Template => Path.Combine(Root, "templates", "hypertrace-kafka");

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "KafkaTemplates.sln"))) return dir.FullName;
        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
