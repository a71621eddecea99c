namespace KafkaTemplates.Testing;

/// <summary>The repository root, found from the test binaries by looking for KafkaTemplates.sln.</summary>
public static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        // Test binaries normally sit inside the repo; with --artifacts-path they do not, but the working folder does.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "KafkaTemplates.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find KafkaTemplates.sln above the test binaries or the working folder");
    });

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
