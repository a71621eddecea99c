namespace KafkaTemplates.Testing;

/// <summary>
/// The real tools tests use as judges (helm, promtool, git). A missing tool fails the test with the way to get it;
/// tests never skip, because ./test.sh installs every tool they need.
/// </summary>
public static class Tool
{
    public static string Helm => Find("helm");

    public static string Promtool => Find("promtool");

    public static string Git => Find("git");

    public static string Find(string name)
    {
        var path = TryFind(name);
        return path ?? throw new InvalidOperationException(
            $"'{name}' is not on PATH. Run ./test.sh, which installs helm, kubectl, promtool and chromium before testing.");
    }

    public static string? TryFind(string name)
    {
        var repoTools = RepoRoot.Combine(".tools", "bin", name);
        if (File.Exists(repoTools)) return repoTools;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
