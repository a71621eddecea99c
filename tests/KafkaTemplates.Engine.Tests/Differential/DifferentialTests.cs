using System.Globalization;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Rendering;
using Xunit;
using Xunit.Abstractions;

namespace KafkaTemplates.Engine.Tests.Differential;

/// <summary>
/// Our renderer against Backstage's engine (nunjitsu 0.7.0) on generated templates. Agreement means equal bytes, or
/// both fail. The seed is printed and can be set with KT_DIFF_SEED (KT_DIFF_CASES sets the count), so any run can be
/// repeated; a disagreement is shrunk to a small template before it is reported, and then kept as a golden case.
/// Seeds 1 to 10 give no disagreement in 10,000 cases (since <c>**</c> follows V8's pow to the last bit), so the
/// test allows none. Set KT_DIFF_DUMP to a file to get every disagreement as one JSON line.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int DefaultCases = 10_000;
    private const int BatchSize = 5_000;

    /// <summary>The most disagreements per 10,000 cases this branch allows.</summary>
    private const int CeilingPerTenThousand = 0;

    [Fact]
    public async Task Generated_templates_render_as_nunjitsu_renders_them()
    {
        var seed = EnvInt("KT_DIFF_SEED") ?? Environment.TickCount & 0x7fffffff;
        var count = EnvInt("KT_DIFF_CASES") ?? DefaultCases;
        output.WriteLine($"differential seed {seed}, {count} cases (repeat with KT_DIFF_SEED={seed})");
        var generator = new CaseGenerator(seed);
        var cases = Enumerable.Range(0, count).Select(_ => generator.Next()).ToList();
        var disagreements = new List<(int Index, string Template)>();
        var dump = Environment.GetEnvironmentVariable("KT_DIFF_DUMP");
        using var dumpWriter = string.IsNullOrEmpty(dump) ? null : new StreamWriter(dump);
        for (var start = 0; start < cases.Count; start += BatchSize)
        {
            var batch = cases.Skip(start).Take(BatchSize).ToList();
            var theirs = await NunjitsuJudge.RenderAsync(batch, CaseGenerator.ValuesJson);
            for (var i = 0; i < batch.Count; i++)
            {
                var ours = Ours(batch[i]);
                if (ours.AgreesWith(theirs[i])) continue;
                disagreements.Add((start + i, batch[i]));
                dumpWriter?.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                    new { index = start + i, template = batch[i], theirs = theirs[i].ToString(), ours = ours.ToString() }, Readable));
            }
        }
        output.WriteLine($"{disagreements.Count} of {count} disagree");
        var report = new List<string>();
        foreach (var (index, template) in disagreements.Take(3))
        {
            var small = await ShrinkAsync(template);
            var theirs = (await NunjitsuJudge.RenderAsync([small], CaseGenerator.ValuesJson))[0];
            report.Add($"case {index} of seed {seed}, shrunk to {Quote(small)}:\n  nunjitsu: {theirs}\n  ours:     {Ours(small)}");
        }
        output.WriteLine(string.Join("\n", report));
        Assert.True(disagreements.Count * 10_000L <= CeilingPerTenThousand * (long)count,
            $"{disagreements.Count} of {count} generated templates (seed {seed}) render differently from nunjitsu, " +
            $"more than the ceiling of {CeilingPerTenThousand} per 10,000:\n" + string.Join("\n", report));
    }

    private static readonly IReadOnlyDictionary<string, object?> Values =
        new Dictionary<string, object?> { ["values"] = PlainValues.FromJson(JsonNode.Parse(CaseGenerator.ValuesJson)) };

    private static readonly NunjucksRenderer Renderer = new();

    internal static Verdict Ours(string template)
    {
        try
        {
            return new Verdict(true, Renderer.Render(template, "case", Values));
        }
        catch (RenderException e)
        {
            return new Verdict(false, e.Message);
        }
        catch (Exception e)
        {
            // A crash is never agreement: the CLI would exit 70 where Backstage reports a template error.
            return new Verdict(true, "\0crash " + e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>
    /// Deletes chunks of every size from the template and keeps the shortest result that still disagrees, until no
    /// deletion does (delta debugging); each round is one batch, so one node process.
    /// </summary>
    private static async Task<string> ShrinkAsync(string template)
    {
        var current = template;
        while (current.Length > 1)
        {
            var candidates = new HashSet<string>(StringComparer.Ordinal);
            for (var chunk = current.Length / 2; chunk >= 1; chunk /= 2)
                for (var at = 0; at + chunk <= current.Length; at += Math.Max(1, chunk / 2))
                    candidates.Add(current.Remove(at, chunk));
            var list = candidates.Where(c => !HasLoneSurrogate(c)).ToList();
            if (list.Count == 0) break;
            var verdicts = await NunjitsuJudge.RenderAsync(list, CaseGenerator.ValuesJson);
            var smaller = list.Where((c, i) => !Ours(c).AgreesWith(verdicts[i])).OrderBy(c => c.Length).FirstOrDefault();
            if (smaller is null) break;
            current = smaller;
        }
        return current;
    }

    private static bool HasLoneSurrogate(string s) => s.Where((c, i) =>
        char.IsHighSurrogate(c) ? i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(s[i - 1]))).Any();

    private static readonly System.Text.Json.JsonSerializerOptions Readable =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s, Readable);

    private static int? EnvInt(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
