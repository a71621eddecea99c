namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// The only two modes a generated file can have. Git records no more than this, and normalising to it keeps
/// every front door (dotnet new, the engine, the portal) writing the same modes.
/// </summary>
public enum FileMode
{
    Regular = 0b110_100_100,
    Executable = 0b111_101_101,
}

public static class FileModes
{
    public static FileMode FromUnix(UnixFileMode mode) =>
        (mode & UnixFileMode.UserExecute) != 0 ? FileMode.Executable : FileMode.Regular;

    public static UnixFileMode ToUnix(this FileMode mode) => (UnixFileMode)(int)mode;

    public static FileMode Read(string path) =>
        OperatingSystem.IsWindows() ? FileMode.Regular : FromUnix(File.GetUnixFileMode(path));

    public static string ToOctal(this FileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
