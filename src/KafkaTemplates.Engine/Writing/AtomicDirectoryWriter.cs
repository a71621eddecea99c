using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Writing;

/// <summary>
/// Writes a <see cref="FileSet"/> as a folder, all or nothing. Every file is first written into a hidden staging
/// folder beside the target. A new target is then that folder, renamed into place. An existing target (empty, or
/// with --force) keeps its own folder, so a shell standing in it stays there, and keeps every file the set does not
/// name, symbolic links included: the staged files are renamed into it one by one, the files they replace are set
/// aside first, and a failure puts everything back. Nothing is ever written through a symbolic link.
/// </summary>
public static class AtomicDirectoryWriter
{
    public static void Write(FileSet files, string target, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full) ?? throw new IOException($"'{target}' has no parent folder to stage the files in");
        if (File.Exists(full)) throw new IOException($"'{target}' is a file; give a folder path");
        var exists = Directory.Exists(full);
        if (exists && Directory.EnumerateFileSystemEntries(full).Any() && !options.Force) throw new TargetNotEmptyException(target);
        if (exists) CheckFits(files, full, target);

        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.kafka-templates-{Guid.NewGuid():N}.tmp");
        try
        {
            var staged = Path.Combine(staging, "new");
            foreach (var file in files) WriteFile(staged, file);
            if (exists) MoveInto(files, staged, full, Path.Combine(staging, "replaced"));
            else Directory.Move(staged, full);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Refuses, before anything is written, a set that cannot land in the existing folder as it is.</summary>
    private static void CheckFits(FileSet files, string root, string target)
    {
        foreach (var file in files)
        {
            var parts = file.Path.Split('/');
            for (var depth = 1; depth <= parts.Length; depth++)
            {
                var relative = string.Join('/', parts.Take(depth));
                var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
                var info = new FileInfo(path);
                var isLast = depth == parts.Length;
                if (!isLast && info.LinkTarget is not null)
                    throw new IOException($"'{Path.Combine(target, relative)}' is a symbolic link, and the template writes {file.Path} inside it; replace the link with a folder or remove it");
                if (!isLast && File.Exists(path) && info.LinkTarget is null)
                    throw new IOException($"'{Path.Combine(target, relative)}' is a file, and the template needs a folder there for {file.Path}; move the file away");
                if (isLast && Directory.Exists(path) && info.LinkTarget is null)
                    throw new IOException($"'{Path.Combine(target, relative)}' is a folder, and the template writes a file there; move the folder away");
            }
        }
    }

    private static void MoveInto(FileSet files, string staged, string root, string replaced)
    {
        var done = new Stack<Action>();
        try
        {
            foreach (var file in files)
            {
                var relative = file.Path.Replace('/', Path.DirectorySeparatorChar);
                var destination = Path.Combine(root, relative);
                CreateFolders(root, Path.GetDirectoryName(relative)!, done);
                if (File.Exists(destination) || new FileInfo(destination).LinkTarget is not null)
                {
                    var aside = Path.Combine(replaced, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
                    File.Move(destination, aside);
                    done.Push(() => File.Move(aside, destination));
                }
                File.Move(Path.Combine(staged, relative), destination);
                done.Push(() => File.Delete(destination));
            }
        }
        catch
        {
            while (done.TryPop(out var undo)) undo();
            throw;
        }
    }

    private static void CreateFolders(string root, string relative, Stack<Action> done)
    {
        if (relative.Length == 0) return;
        var path = Path.Combine(root, relative);
        if (Directory.Exists(path)) return;
        CreateFolders(root, Path.GetDirectoryName(relative)!, done);
        Directory.CreateDirectory(path);
        done.Push(() => Directory.Delete(path));
    }

    private static void WriteFile(string root, GeneratedFile file)
    {
        var path = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
        // A defence in depth: file set paths are already normalised, so this must hold.
        if (!Path.GetFullPath(path).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException(file.Path, "it resolves outside the output folder");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, System.IO.FileMode.CreateNew, FileAccess.Write, FileShare.None))
            stream.Write(file.Content.Span);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, file.Mode.ToUnix());
    }
}
