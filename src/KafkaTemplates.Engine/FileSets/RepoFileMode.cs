namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// The only two modes a generated file can have. Git records no more than this, and normalising to it keeps
/// every front door (dotnet new, the engine, the portal) writing the same modes.
/// </summary>
public enum RepoFileMode
{
    Regular = 0b110_100_100,
    Executable = 0b111_101_101,
}

public static class RepoFileModes
{
    public static RepoFileMode FromUnix(UnixFileMode mode) =>
        (mode & UnixFileMode.UserExecute) != 0 ? RepoFileMode.Executable : RepoFileMode.Regular;

    public static UnixFileMode ToUnix(this RepoFileMode mode) => (UnixFileMode)(int)mode;

    public static RepoFileMode Read(string path) =>
        OperatingSystem.IsWindows() ? RepoFileMode.Regular : FromUnix(File.GetUnixFileMode(path));

    public static string ToOctal(this RepoFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
