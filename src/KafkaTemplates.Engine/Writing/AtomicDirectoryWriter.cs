using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Writing;

/// <summary>
/// Writes a <see cref="FileSet"/> as a folder in one step: everything goes into a hidden staging folder beside the
/// target, and only a complete staging folder is moved into place. A failure at any point removes the staging
/// folder and leaves the target as it was, so there is never a half-written repo.
/// </summary>
public static class AtomicDirectoryWriter
{
    public static void Write(FileSet files, string target, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        var full = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))
                     ?? throw new IOException($"'{target}' has no parent folder to stage the files in");
        var existsNonEmpty = Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any();
        if (File.Exists(full)) throw new IOException($"'{target}' is a file; give a folder path");
        if (existsNonEmpty && !options.Force) throw new TargetNotEmptyException(target);

        Directory.CreateDirectory(parent);
        var name = Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar));
        var staging = Path.Combine(parent, $".{name}.kafka-templates-{Guid.NewGuid():N}.tmp");
        try
        {
            if (existsNonEmpty) CopyTree(full, staging);
            else Directory.CreateDirectory(staging);
            foreach (var file in files) WriteFile(staging, file);
            Swap(staging, full, existsNonEmpty);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteFile(string root, GeneratedFile file)
    {
        var path = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
        // A defence in depth: file set paths are already normalised, so this must hold.
        if (!Path.GetFullPath(path).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException(file.Path, "it resolves outside the output folder");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path)) File.Delete(path);
        using (var stream = new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None))
            stream.Write(file.Content.Span);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, file.Mode.ToUnix());
    }

    private static void Swap(string staging, string target, bool targetHasFiles)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(staging, target);
            return;
        }
        if (!targetHasFiles)
        {
            Directory.Delete(target);
            Directory.Move(staging, target);
            return;
        }
        // The staging folder holds a copy of the old files plus the new ones: swap with two renames.
        var backup = staging + ".old";
        Directory.Move(target, backup);
        try
        {
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Move(backup, target);
            throw;
        }
        Directory.Delete(backup, recursive: true);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.EnumerateFiles(from, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            File.Copy(file, dest);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dest, File.GetUnixFileMode(file));
        }
    }
}
