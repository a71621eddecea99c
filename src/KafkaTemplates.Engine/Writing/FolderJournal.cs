using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Engine.Writing;

/// <summary>What the recovery of a folder found and did.</summary>
public sealed record FolderRecovery(string Folder, string Message);

/// <summary>Another kafka-templates process is writing the folder at this moment.</summary>
internal sealed class FolderBusyException(string message) : IOException(message);

/// <summary>
/// Makes a multi-file write recoverable. A filesystem cannot replace many files at once, so every write goes through
/// a staging folder beside the target, <c>.&lt;name&gt;.kafka-templates-&lt;id&gt;.tmp</c>:
/// <list type="number">
/// <item>every new file is written into <c>new/</c> (the target is untouched: a crash leaves only the staging folder);</item>
/// <item>the journal, the list of paths to write or delete, is written and renamed into place: from then on the
/// write is decided;</item>
/// <item>each path is swapped by two renames, the old file into <c>old/</c>, the new one into place;</item>
/// <item>the journal is deleted (the commit point), then the staging folder.</item>
/// </list>
/// A failure the process sees rolls every swapped file back. A crash (kill -9, power cut) leaves the journal behind;
/// <see cref="Recover"/>, which every command runs on its folder before anything else, finds it and finishes the
/// write, or finishes a roll-back that had begun, then removes the staging folder. While a process works, it holds an
/// exclusive lock on <c>lock</c> in its staging folder (the kernel drops it when the process dies), so a recovery
/// never touches the staging folder of a process that is still running.
/// </summary>
public static class FolderJournal
{
    private const string Marker = ".kafka-templates-";
    private const string Suffix = ".tmp";
    private const string Creating = ".creating";
    private const string JournalFile = "journal";
    private const string LockFile = "lock";
    private const string OwnerFile = "owner";

    /// <summary>Called after every step that changes the disk, so tests can snapshot each state a crash could leave.</summary>
    internal static readonly AsyncLocal<Action?> StepObserver = new();

    /// <summary>
    /// Finishes (or, when one had begun, rolls back) a write of <paramref name="folder"/> that a crashed process left
    /// behind, and removes staging folders left by earlier runs. Null when there was nothing to do.
    /// </summary>
    /// <exception cref="FolderBusyException">Another process is writing the folder now.</exception>
    public static FolderRecovery? Recover(string folder)
    {
        var full = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        var parent = Path.GetDirectoryName(full);
        if (parent is null || !Directory.Exists(parent)) return null;
        var name = Path.GetFileName(full);
        var messages = new List<string>();
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, $".{name}{Marker}*").ToList();
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
        foreach (var staging in candidates)
        {
            var stagingName = Path.GetFileName(staging);
            if (!stagingName.EndsWith(Suffix, StringComparison.Ordinal) && !stagingName.EndsWith(Creating, StringComparison.Ordinal)) continue;
            if (new DirectoryInfo(staging).LinkTarget is not null) continue;
            using var held = TryLock(staging, out var owner);
            if (held is null)
            {
                if (owner is null && stagingName.EndsWith(Creating, StringComparison.Ordinal) && Directory.GetCreationTimeUtc(staging) > DateTime.UtcNow.AddMinutes(-1))
                    continue; // Being created this instant; its lock comes next.
                if (owner is not null)
                    throw new FolderBusyException($"another kafka-templates process{(owner.Length > 0 ? $" (pid {owner})" : "")} is writing '{folder}' at this moment; wait for it to finish, then run again");
            }
            messages.Add(RecoverOne(full, folder, staging));
            Directory.Delete(staging, recursive: true);
        }
        return messages.Count == 0 ? null : new FolderRecovery(full, string.Join("\n", messages));
    }

    private static FileStream? TryLock(string staging, out string? owner)
    {
        owner = null;
        var path = Path.Combine(staging, LockFile);
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return stream;
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (IOException)
        {
            try { owner = File.ReadAllText(Path.Combine(staging, OwnerFile)).Trim(); }
            catch (IOException) { owner = ""; }
            return null;
        }
    }

    private static string RecoverOne(string full, string display, string staging)
    {
        var journalPath = Path.Combine(staging, JournalFile);
        if (!File.Exists(journalPath))
            // Without a journal the run had either not begun to change the folder, or had finished and was cleaning up.
            return $"removed the staging folder of an interrupted kafka-templates run beside '{display}'; that run had not begun to change '{display}', or had finished, so the folder is whole";
        var journal = Journal.Read(journalPath);
        if (journal.RollingBack)
        {
            RollBack(full, staging, journal);
            File.Delete(journalPath);
            return $"'{display}' was left half-written by an interrupted kafka-templates run that was undoing its changes; put back the {journal.Operations.Count} files it had touched, as they were before that run";
        }
        foreach (var op in journal.Operations) RollForward(full, staging, op);
        File.Delete(journalPath);
        return $"'{display}' was left half-written by an interrupted kafka-templates run; finished that write from its journal ({journal.Operations.Count} files), so the folder is as that run would have left it";
    }

    /// <summary>
    /// Writes <paramref name="changes"/> (a file, or null to delete) into the existing folder <paramref name="target"/>:
    /// all of them, or, on a failure, none; after a crash, <see cref="Recover"/> finishes the write.
    /// </summary>
    internal static void Replace(string target, string display, IReadOnlyList<(string Path, GeneratedFile? File)> changes)
    {
        // The record of how the folder was made goes last: a reader that sees it new sees every other file new too.
        var ordered = changes.GroupBy(c => c.Path, StringComparer.Ordinal).Select(g => g.Last())
            .OrderBy(c => c.Path == Answers.AnswersFile.FileName ? 1 : 0).ToList();
        using var staging = Stage.Create(target, display);
        foreach (var (path, file) in ordered.Where(c => c.File is not null))
        {
            WriteFile(Path.Combine(staging.Folder, "new"), file!);
            Step();
        }
        var journal = new Journal([.. ordered.Select(c => new Operation(c.Path, c.File is not null))], CreatedFolders(target, ordered.Where(c => c.File is not null).Select(c => c.Path)), false);
        var journalPath = Path.Combine(staging.Folder, JournalFile);
        journal.Write(journalPath);
        Step();
        try
        {
            foreach (var op in journal.Operations) RollForward(target, staging.Folder, op);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            (journal with { RollingBack = true }).Write(journalPath);
            Step();
            RollBack(target, staging.Folder, journal);
            File.Delete(journalPath);
            Step();
            throw;
        }
        File.Delete(journalPath);
        Step();
    }

    /// <summary>Writes a new folder: staged whole, then renamed into place, which is atomic.</summary>
    internal static void CreateFolder(string target, string display, FileSet files)
    {
        using var staging = Stage.Create(target, display);
        var staged = Path.Combine(staging.Folder, "new");
        Directory.CreateDirectory(staged);
        foreach (var file in files)
        {
            WriteFile(staged, file);
            Step();
        }
        Directory.Move(staged, target);
        Step();
    }

    private static void Step() => StepObserver.Value?.Invoke();

    /// <summary>Folders a write creates, parents first, so a roll-back can remove them again.</summary>
    private static List<string> CreatedFolders(string target, IEnumerable<string> paths)
    {
        var created = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
            for (var parent = RepoPath.Parent(path); parent is not null && !Directory.Exists(Live(target, parent)); parent = RepoPath.Parent(parent))
                created.Add(parent);
        return [.. created.OrderBy(p => p.Count(c => c == '/')).ThenBy(p => p, StringComparer.Ordinal)];
    }

    private static string Live(string target, string path) => Path.Combine(target, path.Replace('/', Path.DirectorySeparatorChar));

    private static bool Present(string path) => FileKinds.Of(path) != EntryKind.Missing;

    /// <summary>Puts one path in its new state; safe to repeat from whatever state a crash left.</summary>
    private static void RollForward(string target, string staging, Operation op)
    {
        var live = Live(target, op.Path);
        var fresh = Path.Combine(staging, "new", op.Path.Replace('/', Path.DirectorySeparatorChar));
        var aside = Path.Combine(staging, "old", op.Path.Replace('/', Path.DirectorySeparatorChar));
        if (op.Write && !Present(fresh)) return; // Already in place.
        if (Present(live))
        {
            if (Present(aside))
                throw new IOException($"cannot finish writing '{op.Path}': both a file in the folder and the one set aside exist; compare {live} with {aside}, keep the right one, and delete {staging}");
            Directory.CreateDirectory(Path.GetDirectoryName(aside)!);
            File.Move(live, aside, overwrite: true);
            Step();
        }
        if (!op.Write) return;
        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        File.Move(fresh, live, overwrite: true);
        Step();
    }

    /// <summary>Puts every path back as it was; safe to repeat from whatever state a crash left.</summary>
    private static void RollBack(string target, string staging, Journal journal)
    {
        foreach (var op in Enumerable.Reverse(journal.Operations))
        {
            var live = Live(target, op.Path);
            var fresh = Path.Combine(staging, "new", op.Path.Replace('/', Path.DirectorySeparatorChar));
            var aside = Path.Combine(staging, "old", op.Path.Replace('/', Path.DirectorySeparatorChar));
            if (op.Write && !Present(fresh) && Present(live))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(fresh)!);
                File.Move(live, fresh, overwrite: true);
                Step();
            }
            if (Present(aside) && !Present(live))
            {
                File.Move(aside, live, overwrite: true);
                Step();
            }
        }
        foreach (var folder in Enumerable.Reverse(journal.CreatedFolders))
        {
            var path = Live(target, folder);
            if (FileKinds.Of(path) == EntryKind.Folder && !Directory.EnumerateFileSystemEntries(path).Any())
            {
                Directory.Delete(path);
                Step();
            }
        }
    }

    private static void WriteFile(string root, GeneratedFile file)
    {
        var path = Path.Combine(root, file.Path.Replace('/', Path.DirectorySeparatorChar));
        // A defence in depth: file set paths are already normalised, so this must hold.
        if (!Path.GetFullPath(path).StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new UnsafePathException(file.Path, "it resolves outside the output folder");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            stream.Write(file.Content.Span);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, file.Mode.ToUnix());
    }

    private sealed record Operation(string Path, bool Write);

    private sealed record Journal(IReadOnlyList<Operation> Operations, IReadOnlyList<string> CreatedFolders, bool RollingBack)
    {
        /// <summary>Written beside, flushed to disk, then renamed: a journal is there whole or not at all.</summary>
        public void Write(string path)
        {
            var json = new JsonObject
            {
                ["version"] = 1,
                ["state"] = RollingBack ? "rolling-back" : "writing",
                ["operations"] = new JsonArray([.. Operations.Select(o => (JsonNode)new JsonObject { ["path"] = o.Path, ["write"] = o.Write })]),
                ["createdFolders"] = new JsonArray([.. CreatedFolders.Select(f => (JsonNode)f)]),
            };
            var temporary = path + ".new";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                using (var writer = new Utf8JsonWriter(stream)) json.WriteTo(writer);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }

        public static Journal Read(string path)
        {
            try
            {
                var json = JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject ?? throw new FormatException("not a JSON object");
                var operations = (json["operations"] as JsonArray ?? throw new FormatException("no operations"))
                    .Select(o => new Operation(RepoPath.Normalize(Text(o?["path"])), o?["write"]?.GetValue<bool>() ?? throw new FormatException("an operation without 'write'")))
                    .ToList();
                var folders = (json["createdFolders"] as JsonArray ?? throw new FormatException("no createdFolders")).Select(f => RepoPath.Normalize(Text(f))).ToList();
                return new Journal(operations, folders, json["state"]?.GetValue<string>() == "rolling-back");
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or UnsafePathException or FormatException)
            {
                throw new IOException($"the journal of an interrupted kafka-templates run, {path}, cannot be read ({e.Message}); compare the folder with its git history, then delete {Path.GetDirectoryName(path)}", e);
            }
        }

        private static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new FormatException("a path is missing");
    }

    /// <summary>A staging folder beside the target, locked by this process while it exists.</summary>
    private sealed class Stage : IDisposable
    {
        private readonly FileStream _lock;

        private Stage(string folder, FileStream @lock)
        {
            Folder = folder;
            _lock = @lock;
        }

        public string Folder { get; }

        public static Stage Create(string target, string display)
        {
            var parent = Path.GetDirectoryName(target)!;
            var baseName = Path.Combine(parent, $".{Path.GetFileName(target)}{Marker}{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(parent);
                // Created under another name and locked before it gets the name a recovery looks for.
                var creating = baseName + Creating;
                Directory.CreateDirectory(creating);
                var @lock = new FileStream(Path.Combine(creating, LockFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
                try
                {
                    File.WriteAllText(Path.Combine(creating, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    Directory.Move(creating, baseName + Suffix);
                    return new Stage(baseName + Suffix, @lock);
                }
                catch
                {
                    @lock.Dispose();
                    throw;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                var reason = e.Message.Replace(baseName + Creating, display, StringComparison.Ordinal).Replace(baseName + Suffix, display, StringComparison.Ordinal).TrimEnd('.');
                throw new IOException($"cannot write '{display}': {(e is UnauthorizedAccessException ? "permission denied" : reason)}; choose a folder you can write to", e);
            }
        }

        public void Dispose()
        {
            try
            {
                // A journal left behind means old files are set aside here: only a recovery may remove them.
                if (Directory.Exists(Folder) && !File.Exists(Path.Combine(Folder, JournalFile))) Directory.Delete(Folder, recursive: true);
            }
            finally
            {
                _lock.Dispose();
            }
        }
    }
}
