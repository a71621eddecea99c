using System.Runtime.InteropServices;

namespace KafkaTemplates.Engine.FileSets;

/// <summary>What a path is, seen without following a symbolic link at it.</summary>
public enum EntryKind
{
    Missing,
    File,
    Folder,
    Link,

    /// <summary>A FIFO, socket or device: reading one can block forever or never end.</summary>
    Special,
}

/// <summary>
/// Tells files, folders, links and special files apart without following links or opening anything, so reading an
/// untrusted folder (a template from a folder or a git tag) never reads through a link and never blocks on a FIFO.
/// </summary>
public static partial class FileKinds
{
    public static EntryKind Of(string path)
    {
        // One statx call tells all kinds apart on Linux; a fleet check asks this for every file of every repo.
        if (OperatingSystem.IsLinux() && LinuxType(path) is { } kind)
            return kind switch { RegularFile => EntryKind.File, FolderType => EntryKind.Folder, LinkType => EntryKind.Link, _ => EntryKind.Special };
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return EntryKind.Link;
        if (Directory.Exists(path)) return EntryKind.Folder;
        if (!info.Exists) return EntryKind.Missing;
        return OperatingSystem.IsLinux() && LinuxType(path) is { } type && type != RegularFile ? EntryKind.Special : EntryKind.File;
    }

    /// <summary>The kind of an entry from a folder enumeration, whose attributes already tell links and folders apart.</summary>
    public static EntryKind Of(FileSystemInfo entry)
    {
        if ((entry.Attributes & FileAttributes.ReparsePoint) != 0) return EntryKind.Link;
        if ((entry.Attributes & FileAttributes.Directory) != 0) return EntryKind.Folder;
        return OperatingSystem.IsLinux() && LinuxType(entry.FullName) is { } type && type != RegularFile ? EntryKind.Special : EntryKind.File;
    }

    /// <summary>A regular file's bytes. A zero-length file is not opened: on systems where the kind cannot be told, that is what FIFOs and devices look like.</summary>
    public static byte[] ReadRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Length == 0 ? [] : File.ReadAllBytes(path);
    }

    /// <summary>
    /// The first symbolic link on the way from <paramref name="root"/> down to <paramref name="path"/> (root itself
    /// excluded: the user chose it), or null. <paramref name="path"/> must lie inside <paramref name="root"/>.
    /// </summary>
    public static string? FirstLinkBelow(string root, string path)
    {
        var fullRoot = Path.GetFullPath(root).TrimEnd(Path.DirectorySeparatorChar);
        var relative = Path.GetRelativePath(fullRoot, Path.GetFullPath(path));
        if (relative == ".") return null;
        var current = fullRoot;
        foreach (var part in relative.Split(Path.DirectorySeparatorChar))
        {
            current = Path.Combine(current, part);
            if (new FileInfo(current).LinkTarget is not null) return current;
        }
        return null;
    }

    /// <summary>
    /// Whether <paramref name="path"/>, with every symbolic link on the way resolved (in the folders above it too),
    /// lies outside <paramref name="root"/> (resolved the same way), or goes round a loop of links.
    /// </summary>
    public static bool LeavesFolder(string root, string path)
    {
        if (RealPath(root) is not { } realRoot || RealPath(path) is not { } real) return true;
        return !real.StartsWith(realRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>The path with every symbolic link in it resolved, as realpath(3) gives it; null for a loop of links.</summary>
    public static string? RealPath(string path)
    {
        var hops = 0;
        return Resolve(Path.GetFullPath(path), ref hops);
    }

    /// <summary>
    /// <see cref="LeavesFolder"/> for a path below a folder whose real path is already known (<see cref="RealPath"/>):
    /// only the parts below the folder are resolved, so a reader of many files of one folder resolves the folder once.
    /// </summary>
    /// <param name="realRoot">The folder's real path.</param>
    /// <param name="relative">The path below it, normalized (no <c>..</c>), with the platform's separators.</param>
    public static bool LeavesResolvedFolder(string realRoot, string relative)
    {
        var hops = 0;
        if (Resolve(realRoot, relative, ref hops) is not { } real) return true;
        return !real.StartsWith(realRoot.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string? Resolve(string full, ref int hops)
    {
        var top = Path.GetPathRoot(full)!;
        return Resolve(top, full[top.Length..], ref hops);
    }

    private static string? Resolve(string resolvedStart, string rest, ref int hops)
    {
        var current = resolvedStart;
        foreach (var part in rest.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            if (new FileInfo(next).LinkTarget is { } target)
            {
                // Linux gives up after 40 links (ELOOP); so does this.
                if (++hops > 40) return null;
                var resolved = Resolve(Path.GetFullPath(target, current), ref hops);
                if (resolved is null) return null;
                next = resolved;
            }
            current = next;
        }
        return current;
    }

    private const int RegularFile = 0x8000;
    private const int FolderType = 0x4000;
    private const int LinkType = 0xA000;

    /// <summary>The S_IFMT bits of lstat, from statx, whose buffer layout is the same on every Linux architecture.</summary>
    private static unsafe int? LinuxType(string path)
    {
        const int AtFdCwd = -100;
        const int AtSymlinkNoFollow = 0x100;
        const uint StatxType = 0x1;
        const int ModeOffset = 28;
        var buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        return *(ushort*)(buffer + ModeOffset) & 0xF000;
    }

    /// <summary>
    /// Kind, size, last write (UTC ticks) and permission bits of a path, not following a link at it, from one statx
    /// call; null where that call is not available (not Linux), and then the caller asks <see cref="FileInfo"/>.
    /// A render checks every skeleton file this way to know its cached bytes are still current.
    /// </summary>
    internal static unsafe EntryStat? Stat(string path)
    {
        if (!OperatingSystem.IsLinux()) return null;
        const int AtFdCwd = -100;
        const int AtSymlinkNoFollow = 0x100;
        const uint Wanted = 0x1 | 0x2 | 0x40 | 0x200; // STATX_TYPE | STATX_MODE | STATX_MTIME | STATX_SIZE
        var buffer = stackalloc byte[256];
        try
        {
            if (Statx(AtFdCwd, path, AtSymlinkNoFollow, Wanted, buffer) != 0) return new EntryStat(EntryKind.Missing, 0, 0, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
        var mode = *(ushort*)(buffer + 28);
        var kind = (mode & 0xF000) switch { RegularFile => EntryKind.File, FolderType => EntryKind.Folder, LinkType => EntryKind.Link, _ => EntryKind.Special };
        var size = *(long*)(buffer + 40);
        var modified = DateTime.UnixEpoch.Ticks + (*(long*)(buffer + 112) * TimeSpan.TicksPerSecond) + (*(uint*)(buffer + 120) / 100);
        return new EntryStat(kind, size, modified, mode & 0xFFF);
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* buffer);
}

/// <summary>What one look at a path (not following a link at it) tells; see <see cref="FileKinds.Stat"/>.</summary>
/// <param name="ModifiedTicks">Last write, UTC, in ticks since 0001-01-01.</param>
/// <param name="Permissions">The permission bits (0o7777).</param>
internal readonly record struct EntryStat(EntryKind Kind, long Size, long ModifiedTicks, int Permissions);
