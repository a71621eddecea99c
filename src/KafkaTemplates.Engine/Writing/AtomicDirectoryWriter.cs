using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Writing;

/// <summary>
/// Writes a <see cref="FileSet"/> as a folder, all or nothing. Every file is first written into a hidden staging
/// folder beside the target. A new target is then that folder, renamed into place. An existing target (empty, or
/// with --force) keeps its own folder, so a shell standing in it stays there, and keeps every file the set does not
/// name, symbolic links included: the staged files are swapped in under a journal (<see cref="FolderJournal"/>), so a
/// failure puts everything back and a crash is finished by the next run. Nothing is ever written through a symbolic
/// link (<see cref="TargetPaths"/>).
/// </summary>
public static class AtomicDirectoryWriter
{
    public static void Write(FileSet files, string target, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        if (string.IsNullOrWhiteSpace(target)) throw new IOException("the output folder is empty; give the folder to create");
        var full = Path.GetFullPath(target).TrimEnd(Path.DirectorySeparatorChar);
        if (Path.GetDirectoryName(full) is null) throw new IOException($"'{target}' has no parent folder to stage the files in; give a folder below it");
        FolderJournal.Recover(full);
        switch (FileKinds.Of(full))
        {
            case EntryKind.Link when !Directory.Exists(full):
                throw new IOException($"'{target}' is a symbolic link to {new FileInfo(full).LinkTarget}, which {(File.ResolveLinkTarget(full, returnFinalTarget: true)?.Exists == true ? "is not a folder" : "does not exist")}; remove the link or give another folder");
            case EntryKind.File:
                throw new IOException($"'{target}' is a file; give a folder path");
            case EntryKind.Special:
                throw new IOException($"'{target}' is a FIFO, socket or device; give a folder path");
        }
        if (!Directory.Exists(full))
        {
            FolderJournal.CreateFolder(full, target, files);
            return;
        }
        if (Directory.EnumerateFileSystemEntries(full).Any() && !options.Force) throw new TargetNotEmptyException(target);
        TargetPaths.Check(full, target, files.Paths);
        FolderJournal.Replace(full, target, [.. files.Select(f => (f.Path, (GeneratedFile?)f))]);
    }

    /// <summary>
    /// Changes files of an existing folder (an upgrade): each path gets its new file, or is deleted when the file is
    /// null. All of them or, on a failure, none; a crash is finished by the next <see cref="FolderJournal.Recover"/>.
    /// </summary>
    public static void Apply(string folder, IReadOnlyList<(string Path, GeneratedFile? File)> changes)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        if (!Directory.Exists(full)) throw new DirectoryNotFoundException($"'{folder}' does not exist");
        FolderJournal.Recover(full);
        TargetPaths.Check(full, folder, changes.Select(c => c.Path));
        FolderJournal.Replace(full, folder, changes);
    }
}
