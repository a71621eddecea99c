using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Differential;

/// <summary>What one engine made of a template: its output, or that it failed.</summary>
internal sealed record Verdict(bool Ok, string Text)
{
    public bool AgreesWith(Verdict other) => Ok ? other.Ok && Text == other.Text : !other.Ok;

    public override string ToString() => Ok ? JsonSerializer.Serialize(Text) : "fails: " + Text;
}

/// <summary>
/// Renders templates with nunjitsu 0.7.0, configured as Backstage's fetch:template configures it, in one node process
/// per batch (./test.sh installs it into .tools/nunjitsu, so the run needs no network).
/// </summary>
internal static class NunjitsuJudge
{
    private static string Entry
    {
        get
        {
            var entry = RepoRoot.Combine(".tools", "nunjitsu", "node_modules", "nunjitsu", "dist", "index.js");
            return File.Exists(entry) ? entry : throw new InvalidOperationException(
                "nunjitsu 0.7.0 is not installed in .tools/nunjitsu. Run ./test.sh (or scripts/install-test-tools.sh), which installs it.");
        }
    }

    private static string Script => RepoRoot.Combine("tests", "KafkaTemplates.Engine.Tests", "Differential", "nunjitsu-render.mjs");

    public static async Task<IReadOnlyList<Verdict>> RenderAsync(IReadOnlyList<string> templates, string valuesJson)
    {
        var values = JsonNode.Parse(valuesJson);
        var input = new JsonArray(templates.Select(t => (JsonNode)new JsonObject { ["template"] = ToHex(t), ["values"] = values!.DeepClone() }).ToArray());
        var result = await ProcessRunner.RunAsync(Tool.Find("node"), [Script, Entry], standardInput: input.ToJsonString());
        if (result.ExitCode != 0) throw new InvalidOperationException($"node failed ({result.ExitCode}): {result.StandardError}");
        var verdicts = JsonNode.Parse(result.StandardOutput)!.AsArray()
            .Select(v => v!["ok"]!.GetValue<bool>()
                ? new Verdict(true, FromHex(v["output"]!.GetValue<string>()))
                : new Verdict(false, FromHex(v["error"]!.GetValue<string>())))
            .ToList();
        return verdicts.Count == templates.Count ? verdicts : throw new InvalidOperationException("node answered a different number of cases");
    }

    // Rendered text may hold lone surrogates, which JSON readers refuse; UTF-16 code units in hex carry any string.
    private static string ToHex(string text) => string.Concat(text.Select(c => ((int)c).ToString("x4")));

    private static string FromHex(string hex) =>
        new(Enumerable.Range(0, hex.Length / 4).Select(i => (char)Convert.ToInt32(hex.Substring(i * 4, 4), 16)).ToArray());
}
