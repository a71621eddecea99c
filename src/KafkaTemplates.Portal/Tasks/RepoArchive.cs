using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// A repo as a zip: every file under one top folder, with its unix mode (0644 or 0755) in the entry's external
/// attributes, so <c>unzip</c> and .NET's extractor restore executables as <c>kafka-templates new</c> writes them.
/// </summary>
internal static partial class RepoArchive
{
    /// <summary>A task's repo as its download: files under a folder named after the <c>name</c> answer, dated at the task's creation.</summary>
    public static byte[] Of(TaskRecord task, FileSet files) =>
        Create(files, FolderOf(task), DateTimeOffset.Parse(task.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));

    /// <summary>The zip's top folder: the <c>name</c> answer when it is a safe folder name, the task id otherwise.</summary>
    public static string FolderOf(TaskRecord task) =>
        task.Spec["parameters"]?["name"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        && task.Spec["parameters"]!["name"]!.GetValue<string>() is { } name && SafeName().IsMatch(name)
            ? name
            : task.Id.ToString("D");

    /// <summary>A folder name that is safe on every system: what DNS-1123 labels allow.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex SafeName();

    /// <summary>S_IFREG: the entry is a regular file.</summary>
    private const int RegularFile = 0x8000;

    public static byte[] Create(FileSet files, string topFolder, DateTimeOffset time)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                var entry = zip.CreateEntry(topFolder + "/" + file.Path, CompressionLevel.Optimal);
                entry.ExternalAttributes = (RegularFile | (int)file.Mode) << 16;
                entry.LastWriteTime = time;
                using var stream = entry.Open();
                stream.Write(file.Content.Span);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The unix mode an entry records (permission bits only), as <see cref="Create"/> writes it.</summary>
    public static int ModeOf(ZipArchiveEntry entry) => (entry.ExternalAttributes >> 16) & 0x1FF;
}
