namespace KafkaTemplates.Engine.Tools;

/// <summary>Finds an executable on a PATH-style folder list, as a shell would.</summary>
public static class ToolLocator
{
    /// <summary>The first executable <paramref name="name"/> on <paramref name="searchPath"/> (null: this process's PATH), or null.</summary>
    public static string? Find(string name, string? searchPath = null)
    {
        var folders = (searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd", name } : [name];
        foreach (var folder in folders)
            foreach (var candidate in names.Select(n => Path.Combine(folder, n)))
                if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        return null;
    }

    public static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
