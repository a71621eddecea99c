using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Writing;

/// <summary>
/// The one rule for every write into a folder that already exists (<c>new --force</c>, <c>upgrade</c>): a path the
/// tool writes, replaces or deletes must be a regular file or nothing, below real folders. A symbolic link on the way
/// or at the path itself is refused, never written through: <c>docs -&gt; /elsewhere</c> would put the template's
/// files outside the repo, and a linked file would be read or replaced somewhere else. Checked before anything is
/// written, so a refusal changes nothing.
/// </summary>
public static class TargetPaths
{
    /// <summary>Throws an <see cref="IOException"/> naming the user's path and what to do, for the first path that breaks the rule.</summary>
    /// <param name="root">The existing folder.</param>
    /// <param name="display">How the user named the folder, for messages.</param>
    /// <param name="paths">Repo-relative paths with '/' separators.</param>
    public static void Check(string root, string display, IEnumerable<string> paths)
    {
        var checkedFolders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in paths)
        {
            var parts = file.Split('/');
            for (var depth = 1; depth <= parts.Length; depth++)
            {
                var relative = string.Join('/', parts.Take(depth));
                var isLast = depth == parts.Length;
                if (!isLast && !checkedFolders.Add(relative)) continue;
                var path = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
                var shown = Path.Combine(display, relative.Replace('/', Path.DirectorySeparatorChar));
                var kind = FileKinds.Of(path);
                if (kind == EntryKind.Missing)
                {
                    if (!isLast) break;
                    continue;
                }
                if (kind == EntryKind.Link)
                {
                    var target = new FileInfo(path).LinkTarget;
                    throw new IOException(isLast
                        ? $"'{shown}' is a symbolic link (to {target}), and the template writes {file} there; kafka-templates never writes through a link, so replace the link with a copy of the file, or remove it"
                        : $"'{shown}' is a symbolic link (to {target}), and the template writes {file} inside it; replace the link with a folder or remove it");
                }
                if (kind == EntryKind.Special)
                    throw new IOException($"'{shown}' is a FIFO, socket or device, and the template writes {file} {(isLast ? "there" : "inside it")}; move it away");
                if (!isLast && kind == EntryKind.File)
                    throw new IOException($"'{shown}' is a file, and the template needs a folder there for {file}; move the file away");
                if (isLast && kind == EntryKind.Folder)
                    throw new IOException($"'{shown}' is a folder, and the template writes a file there; move the folder away");
            }
        }
    }
}
