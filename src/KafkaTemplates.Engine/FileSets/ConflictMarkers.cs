namespace KafkaTemplates.Engine.FileSets;

/// <summary>An unresolved conflict left in a file: where its markers start, or a .rej file beside it.</summary>
public sealed record UnresolvedConflict(string Path, IReadOnlyList<int> Lines, bool IsRejectFile = false)
{
    public override string ToString() => IsRejectFile
        ? $"{Path} (the template's change that did not apply; apply it by hand, then delete the file)"
        : $"{Path} (conflict markers at line{(Lines.Count == 1 ? "" : "s")} {string.Join(", ", Lines)})";
}

/// <summary>
/// Finds conflicts a merge left for a person: diff3 or merge conflict markers (a line starting with exactly seven
/// <c>&lt;</c>, then <c>=======</c>, then seven <c>&gt;</c>, as git writes them), and <c>.rej</c> files. Upgrade, diff,
/// check and validate all report them with this one reader until they are gone.
/// </summary>
public static class ConflictMarkers
{
    /// <summary>Files above this size are not scanned: no generated text file comes near it.</summary>
    public const int MaxScannedBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The 1-based lines where conflicts start, or an empty list. A block a person has half resolved counts until
    /// its last marker line is gone: <c>&lt;&lt;&lt;&lt;&lt;&lt;&lt;</c> then <c>=======</c> without the closing line,
    /// <c>=======</c> then <c>&gt;&gt;&gt;&gt;&gt;&gt;&gt;</c> without the opening one, or a diff3 base line
    /// (<c>|||||||</c>) before either. <c>=======</c> alone (a Markdown heading) and <c>&lt;</c>...<c>&gt;</c> without
    /// a separator are text.
    /// </summary>
    public static IReadOnlyList<int> Find(ReadOnlySpan<byte> content)
    {
        if (content.Length > MaxScannedBytes || BinaryDetector.IsBinary(content)) return [];
        var marks = new List<(char Kind, int Line)>();
        var line = 0;
        foreach (var range in content.Split((byte)'\n'))
        {
            line++;
            var text = content[range];
            if (IsMarker(text, (byte)'<')) marks.Add(('<', line));
            else if (IsMarker(text, (byte)'|')) marks.Add(('|', line));
            else if (IsMarker(text, (byte)'=') && text.TrimEnd((byte)'\r').Length == 7) marks.Add(('=', line));
            else if (IsMarker(text, (byte)'>')) marks.Add(('>', line));
        }
        var starts = new List<int>();
        var i = 0;
        // The next mark of a kind before the next opening line, or -1.
        int Next(int from, char kind)
        {
            for (var j = from; j < marks.Count && marks[j].Kind != '<'; j++) if (marks[j].Kind == kind) return j;
            return -1;
        }
        while (i < marks.Count)
        {
            var (kind, at) = marks[i];
            var separator = Next(i + 1, '=');
            var closing = Next(i + 1, '>');
            var conflict = kind switch
            {
                '<' => separator >= 0,
                '|' => separator >= 0 || closing >= 0,
                '=' => closing >= 0,
                _ => false,
            };
            if (!conflict) { i++; continue; }
            starts.Add(at);
            i = Math.Max(Math.Max(separator, closing), i) + 1;
        }
        return starts;
    }

    private static bool IsMarker(ReadOnlySpan<byte> line, byte c)
    {
        if (line.Length < 7) return false;
        for (var i = 0; i < 7; i++) if (line[i] != c) return false;
        return line.Length == 7 || line[7] is (byte)' ' or (byte)'\r';
    }

    /// <summary>
    /// Every unresolved conflict in a repo on disk, in path order: files with markers, and .rej files. Links are not
    /// followed, special files not opened, and .git is skipped.
    /// </summary>
    public static IReadOnlyList<UnresolvedConflict> InFolder(string root) => InFolder(root, null);

    /// <param name="root">The repo's folder.</param>
    /// <param name="alreadyRead">
    /// Files of the folder the caller has just read, by repo path, none at or through a symbolic link (the upgrade
    /// refuses those before it reads): scanned as read, not read or looked up again.
    /// </param>
    /// <summary>The file as the caller read it; null for a path no file set can hold (.git, the repository's own folder).</summary>
    private static GeneratedFile? JustRead(FileSet alreadyRead, string relative)
    {
        try
        {
            return alreadyRead.Find(relative);
        }
        catch (UnsafePathException)
        {
            return null;
        }
    }

    public static IReadOnlyList<UnresolvedConflict> InFolder(string root, FileSet? alreadyRead)
    {
        var found = new List<UnresolvedConflict>();
        var folders = new Stack<string>([root]);
        while (folders.TryPop(out var folder))
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(folder, "*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = true }))
            {
                var relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
                // A file the caller has just read is scanned as read, without asking the file system what it is again.
                if (alreadyRead is not null && JustRead(alreadyRead, relative) is { } justRead && !relative.EndsWith(".rej", StringComparison.Ordinal))
                {
                    var justReadLines = Find(justRead.Content.Span);
                    if (justReadLines.Count > 0) found.Add(new UnresolvedConflict(relative, justReadLines));
                    continue;
                }
                switch (FileKinds.Of(path))
                {
                    case EntryKind.Folder when relative != ".git":
                        folders.Push(path);
                        break;
                    case EntryKind.File when relative.EndsWith(".rej", StringComparison.Ordinal):
                        found.Add(new UnresolvedConflict(relative, [], IsRejectFile: true));
                        break;
                    case EntryKind.File when new FileInfo(path).Length is > 0 and <= MaxScannedBytes:
                        var lines = Find(File.ReadAllBytes(path));
                        if (lines.Count > 0) found.Add(new UnresolvedConflict(relative, lines));
                        break;
                }
            }
        }
        return [.. found.OrderBy(c => c.Path, StringComparer.Ordinal)];
    }
}
