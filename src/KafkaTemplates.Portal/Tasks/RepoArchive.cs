using System.IO.Compression;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// A repo as a zip: every file under one top folder, with its unix mode (0644 or 0755) in the entry's external
/// attributes, so <c>unzip</c> and .NET's extractor restore executables as <c>kafka-templates new</c> writes them.
/// </summary>
internal static class RepoArchive
{
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
