using System.Security.Cryptography;
using System.Text;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// Released template versions live in the tree (templates/released/&lt;id&gt;/&lt;version&gt;/), pinned by their digests in
/// templates/released/RELEASES: teams' repos were generated from them and upgrade renders them as the merge base, so
/// one that disappears or changes would break every repo made from it. Git tags are not enough: a fresh clone or a
/// source archive has none.
/// </summary>
public class ReleasedTemplatesTests
{
    // Every release ever made. Listed here as well as in RELEASES, so a release cannot vanish by editing one file.
    private static readonly string[] KnownReleases = ["hypertrace-kafka/1.0.0", "hypertrace-kafka/2.0.0", "hypertrace-kafka/2.1.0"];

    private static string Released => RepoRoot.Combine("templates", TemplateCatalog.ReleasedFolder);

    private static Dictionary<string, string> Pinned() =>
        File.ReadAllLines(Path.Combine(Released, "RELEASES"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p.Length == 2 ? p[0] : throw new InvalidOperationException($"RELEASES: '{string.Join(' ', p)}' is not '<id>/<version> <digest>'"), p => p[1], StringComparer.Ordinal);

    /// <summary>sha256 of "&lt;644|755&gt; &lt;sha256&gt; &lt;path&gt;" lines, paths sorted bytewise: the RELEASES digest.</summary>
    public static string Digest(string folder)
    {
        var lines = new StringBuilder();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                     .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal))
        {
            var mode = RepoFileModes.Read(Path.Combine(folder, file)) == RepoFileMode.Executable ? "755" : "644";
            lines.Append(mode).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file)))))
                .Append(' ').Append(file).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }

    [Fact]
    public void Every_release_is_pinned_and_every_pinned_release_has_its_exact_bytes()
    {
        var pinned = Pinned();
        foreach (var known in KnownReleases)
            Assert.True(pinned.ContainsKey(known), $"{known} was released but templates/released/RELEASES no longer lists it; a released version may never be removed");
        foreach (var (release, digest) in pinned)
        {
            var folder = Path.Combine(Released, release);
            Assert.True(Directory.Exists(folder), $"the released {release} is missing: templates/released/{release}/ must stay in the tree");
            Assert.True(Digest(folder) == digest,
                $"the released {release} changed (digest {Digest(folder)}, pinned {digest}); a release never changes: make the change in templates/<id>/ under a new version");
        }
        var onDisk = Directory.EnumerateDirectories(Released).SelectMany(Directory.EnumerateDirectories)
            .Select(d => Path.GetRelativePath(Released, d).Replace('\\', '/'));
        foreach (var folder in onDisk)
            Assert.True(pinned.ContainsKey(folder), $"templates/released/{folder}/ is not pinned in templates/released/RELEASES");
    }

    [Fact]
    public void Each_release_declares_its_own_id_and_version_and_the_shipped_template_is_newer_or_that_release()
    {
        var engine = new EngineServices();
        foreach (var release in Pinned().Keys)
        {
            var (id, version) = (release.Split('/')[0], release.Split('/')[1]);
            var template = engine.Loader.Load(Path.Combine(Released, id, version), TemplateSource.Builtin);
            Assert.Equal((id, version), (template.Id, template.Version.ToString()));

            var shipped = engine.Loader.Load(RepoRoot.Combine("templates", id), TemplateSource.Builtin);
            Assert.True(shipped.Version >= template.Version, $"templates/{id} is {shipped.Version}, older than its release {version}");
            if (shipped.Version == template.Version)
                Assert.True(Digest(RepoRoot.Combine("templates", id)) == Digest(Path.Combine(Released, id, version)),
                    $"templates/{id} differs from its release {version}: bump kafka-templates.dev/version in its template.yaml");
        }
    }
}
