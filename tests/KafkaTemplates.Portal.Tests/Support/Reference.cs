using System.IO.Compression;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>What the other front doors make of the same answers: the judges of what the portal returns.</summary>
internal static class Reference
{
    /// <summary>The engine's file set for the shipped template and these answers, rendered in memory.</summary>
    public static async Task<FileSet> EngineFilesAsync(string template, JsonObject values)
    {
        var engine = new EngineServices();
        var definition = engine.Catalog().Resolve(template);
        var input = new AnswerInput();
        foreach (var (k, v) in values) input.FromFile[k] = v?.DeepClone();
        var answers = ParameterBinder.Bind(definition.Parameters, input);
        return (await engine.Scaffolder.RunAsync(definition, answers, new ScaffoldOptions(), ScaffoldLog.Null)).Files;
    }

    /// <summary>
    /// What `kafka-templates new` writes for these answers, run in-process as a CI job would (no prompts), read
    /// back from disk with the modes it wrote.
    /// </summary>
    public static async Task<FileSet> NewCommandFilesAsync(string template, IEnumerable<string> sets)
    {
        using var work = new TempFolder("new");
        var args = new List<string> { "new", template, "-o", "repo", "--no-validate", "--no-prompt" };
        foreach (var set in sets) args.AddRange(["--set", set]);
        var run = new CliRun { WorkingDirectory = work.Path, Variables = new() { ["CI"] = "true" } };
        var code = await run.RunAsync([.. args]);
        Assert.True(code == 0, $"kafka-templates new failed:\n{run}");
        return FileSet.FromDirectory(work.Combine("repo"));
    }

    /// <summary>A downloaded zip as a file set: the entries under its one top folder, with the modes it records.</summary>
    public static FileSet ZipFiles(byte[] zip, out string topFolder)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var tops = archive.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToList();
        Assert.Single(tops);
        topFolder = tops[0];
        var set = new FileSet();
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var mode = (entry.ExternalAttributes >> 16) & 0x1FF;
            Assert.True(mode is 0b110_100_100 or 0b111_101_101, $"{entry.FullName} has mode {Convert.ToString(mode, 8)}");
            set.Put(new GeneratedFile(entry.FullName[(topFolder.Length + 1)..], buffer.ToArray(), (RepoFileMode)mode));
        }
        return set;
    }

    /// <summary>Fails with a per-file diff unless the two sets hold the same paths, bytes and modes.</summary>
    public static void AssertSame(FileSet expected, FileSet actual)
    {
        var report = GoldenFolder.Compare(expected, actual);
        Assert.True(report.Length == 0, "the portal's files differ from the reference:\n" + report);
    }
}
