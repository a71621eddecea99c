namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// The portal's folder: <c>portal.db</c> (tasks and their events) and <c>repos/&lt;task id&gt;/</c> (finished repos;
/// dry runs are checked in memory and write nothing). A lock file keeps a second portal out, since each would take
/// the other's running tasks for interrupted ones. Every path handed out is built from a GUID and checked to stay inside.
/// </summary>
internal sealed class DataFolder : IDisposable
{
    private const string LockFileName = "portal.lock";
    private readonly FileStream _lock;

    private DataFolder(string root, FileStream lockFile)
    {
        Root = root;
        _lock = lockFile;
        Directory.CreateDirectory(ReposRoot);
    }

    public string Root { get; }

    public string DatabasePath => Path.Combine(Root, "portal.db");

    public string ReposRoot => Path.Combine(Root, "repos");

    public static DataFolder Open(string path)
    {
        var root = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PortalConfigurationException($"cannot create the data folder '{path}': {e.Message}; give another folder with {PortalOptions.DataSetting}", e);
        }
        FileStream lockFile;
        try
        {
            // FileShare.None is an exclusive advisory lock on Unix too, so it also stops a second process.
            lockFile = new FileStream(Path.Combine(root, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new PortalConfigurationException($"the data folder '{path}' is in use by another kafka-templates serve; stop it or give another folder with {PortalOptions.DataSetting}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new PortalConfigurationException($"cannot write to the data folder '{path}': {e.Message}; give another folder with {PortalOptions.DataSetting}", e);
        }
        return new DataFolder(root, lockFile);
    }

    /// <summary>The folder of a task's finished repo.</summary>
    public string RepoFolder(Guid taskId) => Inside(ReposRoot, taskId.ToString("D"));

    /// <summary>Removes what a stopped server may have left: half-moved staging folders.</summary>
    public void RemoveLeftovers()
    {
        foreach (var dir in Directory.EnumerateDirectories(ReposRoot, ".*")) TryDelete(dir);
    }

    public static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the next start removes it.
        }
    }

    private static string Inside(string parent, string name)
    {
        var full = Path.GetFullPath(Path.Combine(parent, name));
        if (!full.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException($"'{name}' resolves outside {parent}");
        return full;
    }

    public void Dispose() => _lock.Dispose();
}
