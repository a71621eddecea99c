using System.Text;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Testing;

/// <summary>
/// Compares generated files with a committed folder of expected files, content and mode. On a mismatch it fails with
/// a unified diff per file. Set KAFKA_TEMPLATES_ACCEPT=1 to write the actual output as the new expected folder.
/// </summary>
public static class GoldenFolder
{
    public const string AcceptVariable = "KAFKA_TEMPLATES_ACCEPT";

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true";

    public static void AssertMatches(FileSet actual, string expectedFolder)
    {
        if (Accepting)
        {
            Accept(actual, expectedFolder);
            return;
        }
        var expected = Directory.Exists(expectedFolder) ? FileSet.FromDirectory(expectedFolder) : new FileSet();
        var report = Compare(expected, actual);
        if (report.Length > 0)
        {
            throw new GoldenMismatchException(
                $"Generated files differ from {Relative(expectedFolder)}. Run with {AcceptVariable}=1 to accept the new output.\n{report}");
        }
    }

    public static void AssertMatches(string actualFolder, string expectedFolder) =>
        AssertMatches(FileSet.FromDirectory(actualFolder, p => !p.StartsWith(".git/", StringComparison.Ordinal)), expectedFolder);

    public static string Compare(FileSet expected, FileSet actual)
    {
        var sb = new StringBuilder();
        foreach (var path in expected.Paths.Union(actual.Paths).Order(StringComparer.Ordinal))
        {
            var e = expected.Find(path);
            var a = actual.Find(path);
            if (e is null) { sb.Append("+ unexpected file ").Append(path).Append('\n'); continue; }
            if (a is null) { sb.Append("- missing file ").Append(path).Append('\n'); continue; }
            if (e.Mode != a.Mode) sb.Append("~ mode of ").Append(path).Append(": expected ").Append(e.Mode.ToOctal()).Append(", got ").Append(a.Mode.ToOctal()).Append('\n');
            if (!e.Content.Span.SequenceEqual(a.Content.Span))
            {
                sb.Append("~ content of ").Append(path).Append(":\n");
                if (e.IsBinary || a.IsBinary) sb.Append($"  binary: expected {e.Content.Length} bytes, got {a.Content.Length} bytes\n");
                else sb.Append(UnifiedDiff(e.ReadText(), a.ReadText()));
            }
        }
        return sb.ToString();
    }

    public static string UnifiedDiff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual, ignoreWhiteSpace: false);
        var sb = new StringBuilder();
        var lines = diff.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                // Keep two lines of context around each change.
                var near = Enumerable.Range(Math.Max(0, i - 2), Math.Min(lines.Count, i + 3) - Math.Max(0, i - 2))
                    .Any(j => lines[j].Type != ChangeType.Unchanged);
                if (near) sb.Append("    ").Append(Visible(lines[i].Text)).Append('\n');
                continue;
            }
            sb.Append(lines[i].Type == ChangeType.Inserted ? "  + " : "  - ").Append(Visible(lines[i].Text)).Append('\n');
        }
        if (sb.Length == 0) sb.Append("  (only line endings or a final newline differ)\n");
        return sb.ToString();
    }

    private static string Visible(string line) => line.Replace("\r", "\\r").Replace("\t", "\\t");

    private static void Accept(FileSet actual, string expectedFolder)
    {
        if (Directory.Exists(expectedFolder)) Directory.Delete(expectedFolder, recursive: true);
        Directory.CreateDirectory(expectedFolder);
        foreach (var file in actual)
        {
            var path = Path.Combine(expectedFolder, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, file.Content.ToArray());
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, file.Mode.ToUnix());
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepoRoot.Path, path);
}

public sealed class GoldenMismatchException(string message) : Exception(message);

/// <summary>One golden text file, with the same accept switch and diff as <see cref="GoldenFolder"/>.</summary>
public static class GoldenFile
{
    public static void AssertMatches(string actual, string expectedPath)
    {
        if (GoldenFolder.Accepting)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            return;
        }
        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath) : "";
        if (expected != actual)
            throw new GoldenMismatchException(
                $"{Path.GetRelativePath(RepoRoot.Path, expectedPath)} differs. Run with {GoldenFolder.AcceptVariable}=1 to accept the new output.\n" +
                GoldenFolder.UnifiedDiff(expected, actual));
    }
}
