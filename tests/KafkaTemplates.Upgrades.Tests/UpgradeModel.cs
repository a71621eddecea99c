using System.Text;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Upgrades.Merging;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>One version of a file in the model: its bytes and its mode. Null stands for "absent".</summary>
internal sealed record ModelFile(byte[] Content, RepoFileMode Mode)
{
    public static readonly ModelFile EmptyBase = new([], RepoFileMode.Regular);

    public bool SameAs(ModelFile? other) => other is not null && Mode == other.Mode && SameContent(other);

    public bool SameContent(ModelFile other) => Content.AsSpan().SequenceEqual(other.Content);

    public bool IsBinary => new GeneratedFile("x", Content, Mode).IsBinary;

    /// <summary>The lines of a text file; every line the model writes is unique within its file.</summary>
    public string[] Lines => Encoding.UTF8.GetString(Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public GeneratedFile At(string path) => new(path, Content, Mode);

    public static ModelFile? Of(GeneratedFile? file) => file is null ? null : new ModelFile(file.Content.ToArray(), file.Mode);

    public override string ToString() =>
        $"{Mode.ToOctal()} {(IsBinary ? $"binary {Convert.ToHexString(Content)}" : Encoding.UTF8.GetString(Content).Replace("\n", "\\n"))}";
}

/// <summary>
/// A path in the model: the old template's file (base), the new template's (theirs) and the team's (ours). A path
/// a migration moves is planned at its new path with the team's file read from the old one, as the upgrader does.
/// </summary>
internal sealed record ModelPath(string Path, string BesideName, ModelFile? Base, ModelFile? Theirs, ModelFile? Ours)
{
    /// <summary>The path the old template and the team had it at, when a migration moves it.</summary>
    public string? From { get; init; }
}

/// <summary>
/// A random upgrade: every path of a small pool with independent random base/theirs/ours versions (adds, deletes,
/// line edits, mode changes, binary files, files both sides created), a random conflict style, and a file only the
/// team has. <see cref="Check"/> holds the invariant an upgrade must keep.
/// </summary>
internal sealed record UpgradeModel(IReadOnlyList<ModelPath> Paths, ConflictStyle Style)
{
    public const string TeamOnlyPath = "team/notes.txt";
    public static readonly ModelFile TeamOnly = new("the team's own file\n"u8.ToArray(), RepoFileMode.Regular);
    public static readonly MergeLabels Labels = MergeLabels.For("fixture", "1.0.0", "1.1.0");

    /// <summary>Path, whether it holds a binary file, and the name the new template's version gets beside the team's.</summary>
    private static readonly (string Path, bool Binary, string Beside)[] Pool =
    [
        ("README.md", false, "README.template-1.1.0.md"),
        ("src/app.txt", false, "src/app.template-1.1.0.txt"),
        ("bin/run.sh", false, "bin/run.template-1.1.0.sh"),
        ("config/.env", false, "config/.env.template-1.1.0"),
        ("img/logo.png", true, "img/logo.template-1.1.0.png"),
        ("img/icon", true, "img/icon.template-1.1.0"),
        ("Makefile", false, "Makefile.template-1.1.0"),
    ];

    public static UpgradeModel Generate(int seed)
    {
        var random = new Random(seed);
        var paths = new List<ModelPath>();
        foreach (var (path, binary, beside) in Pool)
        {
            if (random.Next(5) == 0) continue;
            var @base = random.Next(4) == 0 ? null : Created(random, "base", binary);
            var theirs = Side(random, @base, "template", binary);
            var ours = Side(random, @base, "team", binary);
            if (@base is null && theirs is not null && ours is not null && random.Next(3) == 0)
                ours = random.Next(2) == 0 ? theirs : theirs with { Mode = Flip(theirs.Mode) };
            paths.Add(new ModelPath(path, beside, @base, theirs, ours));
        }
        return new UpgradeModel(paths, random.Next(3) == 0 ? ConflictStyle.Rej : ConflictStyle.Inline);
    }

    /// <summary>
    /// A file a migration moves from <paramref name="from"/> to <paramref name="to"/>: the old template wrote it at
    /// the old path, the new one at the new path, the team's edits (or deletion, or mode change) travel along.
    /// </summary>
    public static ModelPath Moved(int seed, string from, string to)
    {
        var random = new Random(seed ^ 0x5bd1e995);
        var @base = Created(random, "base", binary: false);
        return new ModelPath(to, "", @base, Side(random, @base, "template", binary: false), Side(random, @base, "team", binary: false)) { From = from };
    }

    private static ModelFile? Side(Random random, ModelFile? @base, string author, bool binary)
    {
        if (@base is null) return random.Next(2) == 0 ? null : Created(random, author, binary);
        return random.Next(6) switch
        {
            0 or 1 => @base,
            2 => null,
            3 => Edited(random, @base, author, binary),
            4 => @base with { Mode = Flip(@base.Mode) },
            _ => Edited(random, @base, author, binary) with { Mode = Flip(@base.Mode) },
        };
    }

    private static RepoFileMode Flip(RepoFileMode mode) => mode == RepoFileMode.Regular ? RepoFileMode.Executable : RepoFileMode.Regular;

    private static ModelFile Created(Random random, string author, bool binary)
    {
        var mode = random.Next(4) == 0 ? RepoFileMode.Executable : RepoFileMode.Regular;
        if (binary) return new ModelFile(Binary(random, author), mode);
        // Now and then an empty file, or a last line without a newline.
        var lines = Enumerable.Range(0, random.Next(8) == 0 ? 0 : random.Next(1, 12)).Select(i => $"{author} line {i}").ToList();
        return new ModelFile(Text(lines, finalNewline: random.Next(5) != 0), mode);
    }

    private static ModelFile Edited(Random random, ModelFile @base, string author, bool binary)
    {
        if (binary) return @base with { Content = Binary(random, author) };
        var lines = @base.Lines.ToList();
        var finalNewline = @base.Content.Length == 0 || @base.Content[^1] == '\n';
        var edits = random.Next(1, 4);
        for (var i = 0; i < edits; i++)
        {
            var at = random.Next(lines.Count + 1);
            switch (lines.Count == 0 ? 0 : random.Next(3))
            {
                case 0:
                    lines.Insert(at, $"{author} added {i}");
                    break;
                case 1:
                    lines.RemoveAt(Math.Min(at, lines.Count - 1));
                    break;
                default:
                    lines[Math.Min(at, lines.Count - 1)] = $"{author} replaced {i}";
                    break;
            }
        }
        return @base with { Content = Text(lines, finalNewline || random.Next(4) == 0) };
    }

    private static byte[] Text(List<string> lines, bool finalNewline)
    {
        var text = string.Join('\n', lines);
        return Encoding.UTF8.GetBytes(lines.Count > 0 && finalNewline ? text + "\n" : text);
    }

    private static byte[] Binary(Random random, string author) => [0x89, (byte)'P', (byte)'N', (byte)'G', 0, .. Encoding.UTF8.GetBytes(author), (byte)random.Next(256)];

    public FileSet BaseSet() => Set(p => p.Base, moved: true);

    public FileSet TheirsSet() => Set(p => p.Theirs, moved: false);

    /// <summary>The repo as the team has it, before the upgrade.</summary>
    public FileSet OursSet()
    {
        var set = Set(p => p.Ours, moved: true);
        set.Put(TeamOnly.At(TeamOnlyPath));
        return set;
    }

    /// <summary>A side's files; <paramref name="moved"/>: a moved file at the path it had before the migration.</summary>
    private FileSet Set(Func<ModelPath, ModelFile?> side, bool moved)
    {
        var set = new FileSet();
        foreach (var p in Paths)
            if (side(p) is { } file) set.Put(file.At(moved ? p.From ?? p.Path : p.Path));
        return set;
    }

    /// <summary>
    /// The invariant, from the model alone: a file neither side changed, or only the team changed, is as the team has
    /// it; a file only the template changed is the new version (or gone); a file both changed holds both changes
    /// (merged) or is a reported conflict that keeps every line of both; nothing else in the repo changes.
    /// Returns what is wrong, or an empty list.
    /// </summary>
    public List<string> Check(IReadOnlyList<FileOutcome> outcomes, FileSet after, params string[] toolFiles)
    {
        var problems = new List<string>();
        var allowed = new HashSet<string>(toolFiles, StringComparer.Ordinal) { TeamOnlyPath };
        if (!TeamOnly.SameAs(ModelFile.Of(after.Find(TeamOnlyPath)))) problems.Add($"{TeamOnlyPath}: the team's own file changed");
        foreach (var p in Paths)
        {
            allowed.Add(p.Path);
            if (p.From is not null && after.Find(p.From) is not null) problems.Add($"{p.From}: still there, but the migration moved it to {p.Path}");
            var outcome = outcomes.SingleOrDefault(o => o.Path == p.Path);
            if (outcome is null && (p.Base is not null || p.Theirs is not null))
            {
                problems.Add($"{p.Path}: not in the plan");
                continue;
            }
            var status = outcome?.Status ?? FileStatus.Unchanged;
            var now = ModelFile.Of(after.Find(p.Path));
            void Expect(bool ok, string what)
            {
                if (!ok) problems.Add($"{p.Path} ({status}): {what}; base {Show(p.Base)}, theirs {Show(p.Theirs)}, ours {Show(p.Ours)}, now {Show(now)}");
            }
            bool Is(ModelFile? expected) => expected is null ? now is null : expected.SameAs(now);

            // A moved file is reported as a move; any other change on disk must show in its status.
            if (!Is(p.Ours) && p.From is null) Expect(status.ChangesDisk(), "the file changed on disk but the plan says it does not");
            if (status == FileStatus.Conflict) Expect(outcome!.Conflicts > 0, "a conflict without a count");

            var localChanged = !Same(p.Ours, p.Base);
            var templateChanged = !Same(p.Theirs, p.Base);
            if (!templateChanged) Expect(Is(p.Ours), "the template did not change it, so it must stay as the team has it");
            else if (!localChanged) Expect(Is(p.Theirs), "only the template changed it, so it must be the new version");
            else if (Same(p.Ours, p.Theirs)) Expect(Is(p.Ours), "both made the same change");
            else if (p.Theirs is null) Expect(Is(p.Ours) && status == FileStatus.RemovedByTemplateKeptLocal, "the template dropped a file the team changed: keep and report it");
            else if (p.Ours is null) Expect(now is null && status == FileStatus.DeletedLocally, "the team deleted a file the template changed: stays deleted, reported");
            else BothChanged(p, p.Base ?? ModelFile.EmptyBase, p.Theirs, p.Ours, now, status, after, allowed, Expect);
        }
        foreach (var path in after.Paths.Where(path => !allowed.Contains(path)))
            problems.Add($"{path}: written, but the model has no reason for it");
        return problems;
    }

    private void BothChanged(ModelPath p, ModelFile b, ModelFile t, ModelFile o, ModelFile? now, FileStatus status, FileSet after, HashSet<string> allowed, Action<bool, string> expect)
    {
        // The executable bit: the side that changed it wins.
        var mode = o.Mode != b.Mode ? o.Mode : t.Mode;
        if (o.SameContent(b))
        {
            expect(status == FileStatus.MergedCleanly && new ModelFile(t.Content, mode).SameAs(now), "the team changed only the mode: the new content with the team's mode");
            return;
        }
        if (t.SameContent(b))
        {
            expect(status == FileStatus.MergedCleanly && new ModelFile(o.Content, mode).SameAs(now), "the template changed only the mode: the team's content with the new mode");
            return;
        }
        if (o.IsBinary || t.IsBinary || b.IsBinary)
        {
            allowed.Add(p.BesideName);
            expect(status == FileStatus.Conflict && o.SameAs(now), "a binary both changed: the team's stays");
            expect(t.SameAs(ModelFile.Of(after.Find(p.BesideName))), $"a binary both changed: the new one beside it as {p.BesideName}");
            return;
        }
        var baseLines = b.Lines.ToHashSet(StringComparer.Ordinal);
        var oursLines = o.Lines;
        var theirsLines = t.Lines;
        var oursAdded = oursLines.Where(l => !baseLines.Contains(l)).ToList();
        var theirsAdded = theirsLines.Where(l => !baseLines.Contains(l)).ToList();
        if (status == FileStatus.MergedCleanly)
        {
            // A clean merge of unique lines: what both kept of the base, plus what each added, in each side's order.
            var expected = b.Lines.Where(l => oursLines.Contains(l) && theirsLines.Contains(l)).Concat(oursAdded).Concat(theirsAdded).ToHashSet(StringComparer.Ordinal);
            var lines = now?.Lines ?? [];
            expect(now is not null && now.Mode == mode, "merged: the mode of the side that changed it");
            expect(lines.ToHashSet(StringComparer.Ordinal).SetEquals(expected) && lines.Length == expected.Count, "merged: every kept, added and removed line of both sides");
            expect(lines.Where(oursLines.Contains).SequenceEqual(oursLines.Where(lines.Contains)), "merged: the team's lines in the team's order");
            expect(lines.Where(theirsLines.Contains).SequenceEqual(theirsLines.Where(lines.Contains)), "merged: the template's lines in the template's order");
            return;
        }
        expect(status == FileStatus.Conflict, "both changed the content: merged or a conflict");
        if (Style == ConflictStyle.Inline)
        {
            var lines = now?.Lines ?? [];
            expect(now is not null && now.Mode == mode, "conflict: the mode of the side that changed it");
            expect(lines.Any(l => l.StartsWith("<<<<<<< ", StringComparison.Ordinal)) && lines.Any(l => l.StartsWith(">>>>>>> ", StringComparison.Ordinal)), "conflict: markers in the file");
            expect(oursAdded.Concat(theirsAdded).All(lines.Contains), "conflict: every line either side added is in the file");
        }
        else
        {
            var rej = p.Path + ".rej";
            allowed.Add(rej);
            expect(o.SameAs(now), "conflict with .rej: the team's file untouched");
            var patch = ModelFile.Of(after.Find(rej)) is { } r ? Encoding.UTF8.GetString(r.Content) : "";
            var patchLines = patch.Split('\n');
            expect(theirsAdded.All(l => patchLines.Contains("+" + l)) && b.Lines.Where(l => !theirsLines.Contains(l)).All(l => patchLines.Contains("-" + l)),
                $"conflict with .rej: {rej} holds the template's change");
        }
    }

    private static bool Same(ModelFile? a, ModelFile? b) => a is null ? b is null : a.SameAs(b);

    private static string Show(ModelFile? file) => file?.ToString() ?? "absent";

    public override string ToString() =>
        $"style {Style}\n" + string.Concat(Paths.Select(p => $"{(p.From is null ? "" : p.From + " -> ")}{p.Path}\n  base   {Show(p.Base)}\n  theirs {Show(p.Theirs)}\n  ours   {Show(p.Ours)}\n"));
}
