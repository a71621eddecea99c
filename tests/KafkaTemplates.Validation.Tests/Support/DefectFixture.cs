using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Validation.Tests.Support;

/// <summary>
/// One deliberate defect, read from Fixtures/Defects/&lt;code&gt;-&lt;slug&gt;/defect.yaml: the answers to generate the repo with,
/// the edits that break it (find/replace in a file, delete a file, change a file's mode), the tools available,
/// and every diagnostic the validator must report (code, file, line) and nothing else.
/// </summary>
public sealed record DefectFixture(
    string Name,
    string Description,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<JsonObject> Edits,
    bool HelmAvailable,
    bool PromtoolAvailable,
    IReadOnlyList<ExpectedDiagnostic> Expected)
{
    public static string Root => RepoRoot.Combine("tests", "KafkaTemplates.Validation.Tests", "Fixtures", "Defects");

    public static IEnumerable<string> Names() =>
        Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static DefectFixture Load(string name)
    {
        var file = Path.Combine(Root, name, "defect.yaml");
        var root = YamlReader.ReadFile(file).Root as JsonObject ?? throw new InvalidDataException($"{file} must be a mapping");
        var answers = (root["answers"] as JsonObject ?? []).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);
        var environment = root["environment"] as JsonObject ?? [];
        var expected = (root["expected"] as JsonArray ?? throw new InvalidDataException($"{file} has no expected list"))
            .OfType<JsonObject>()
            .Select(e => new ExpectedDiagnostic(e["code"]!.ToString(), e["file"]!.ToString(), e["line"]!.GetValue<long>() is var l ? (int)l : 0))
            .ToList();
        return new DefectFixture(
            name,
            root["description"]?.ToString() ?? "",
            answers,
            [.. (root["edits"] as JsonArray ?? []).OfType<JsonObject>()],
            environment["helm"]?.ToString() != "absent",
            environment["promtool"]?.ToString() != "absent",
            expected);
    }

    /// <summary>Breaks the repo as described; an edit that no longer applies fails loudly rather than passing vacuously.</summary>
    public void Apply(GeneratedRepo repo)
    {
        foreach (var edit in Edits)
        {
            if (edit["delete"] is { } deleted)
            {
                var path = repo.Combine(deleted.ToString());
                if (!File.Exists(path)) throw new InvalidDataException($"{Name}: cannot delete {deleted}: the generated repo has no such file");
                File.Delete(path);
                continue;
            }
            var file = repo.Combine(edit["file"]!.ToString());
            if (edit["mode"] is { } mode)
            {
                File.SetUnixFileMode(file, (UnixFileMode)Convert.ToInt32(mode.ToString(), 8));
                continue;
            }
            var text = File.ReadAllText(file);
            var find = edit["find"]!.ToString();
            var at = text.IndexOf(find, StringComparison.Ordinal);
            if (at < 0) throw new InvalidDataException($"{Name}: '{find}' is not in {edit["file"]}; the template changed, update the fixture");
            File.WriteAllText(file, text[..at] + edit["replace"]!.ToString() + text[(at + find.Length)..]);
        }
    }

    public ValidationOptions Options() => new()
    {
        HelmPath = HelmAvailable ? Tool.Helm : null,
        PromtoolPath = PromtoolAvailable && HelmAvailable ? Tool.Promtool : null,
        SearchPath = "",
        KnownTemplates = Validation.KnownTemplates,
    };

    public override string ToString() => Name;
}

/// <summary>A diagnostic a defect fixture must produce.</summary>
public sealed record ExpectedDiagnostic(string Code, string File, int Line)
{
    public override string ToString() => $"{File}:{Line} {Code}";
}
