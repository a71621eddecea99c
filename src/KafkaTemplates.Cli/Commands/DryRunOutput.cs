using System.Text.Json.Nodes;
using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Validation;
using KafkaTemplates.Validation.Output;
using Spectre.Console;

namespace KafkaTemplates.Cli.Commands;

/// <summary>What --dry-run prints: a tree for people, every file with its content for scripts (with the file checks' findings).</summary>
internal static class DryRunOutput
{
    /// <param name="checks">The file checks of the rendered repo, when they ran.</param>
    public static void Print(CliConsoles consoles, ScaffoldResult result, string target, bool json, ValidationReport? checks)
    {
        if (json)
        {
            var files = new JsonArray(result.Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Path,
                ["mode"] = f.Mode.ToOctal(),
                ["encoding"] = f.IsBinary ? "base64" : "utf-8",
                ["content"] = f.IsBinary ? Convert.ToBase64String(f.Content.Span) : f.ReadText(),
            }).ToArray());
            var document = new JsonObject
            {
                ["template"] = result.Answers.Template,
                ["version"] = result.Answers.Version.ToString(),
                ["output"] = target,
                ["files"] = files,
            };
            if (checks is not null)
            {
                var diagnostics = JsonReportWriter.ToJson(checks.InWords(consoles.Flags));
                diagnostics.Remove("repo");
                document["diagnostics"] = diagnostics;
            }
            consoles.WriteRaw(document.ToJsonString(JsonFormatting.Indented) + "\n");
            return;
        }

        var tree = new Tree($"[bold]{Markup.Escape(target)}[/] [grey](dry run: {result.Files.Count} files, nothing written)[/]");
        var folders = new Dictionary<string, IHasTreeNodes>(StringComparer.Ordinal) { [""] = tree };
        foreach (var file in result.Files)
        {
            var parts = file.Path.Split('/');
            var parent = "";
            for (var i = 0; i < parts.Length - 1; i++)
            {
                var path = parent.Length == 0 ? parts[i] : parent + "/" + parts[i];
                if (!folders.ContainsKey(path)) folders[path] = folders[parent].AddNode(Markup.Escape(parts[i]) + "/");
                parent = path;
            }
            var suffix = file.Mode == RepoFileMode.Executable ? " [grey](executable)[/]" : "";
            folders[parent].AddNode(Markup.Escape(parts[^1]) + suffix);
        }
        consoles.Out.Write(tree);
    }
}
