using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Repo;

/// <summary>KT1001-KT1003: the answers file exists, has its fields, and names a template this tool knows.</summary>
internal sealed class AnswersFileRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.AnswersDocument is null)
        {
            context.Report(DiagnosticCatalog.AnswersFileMissing, new SourceMark(RepoLayout.AnswersFile, 1, 1),
                $"{RepoLayout.AnswersFile} is missing, so `kafka-templates diff` and `upgrade` cannot re-render this repo; restore it from git history");
            return;
        }
        if (context.Answers is not { } answers) return; // RepoValidator reported why it is incomplete (KT1002).

        if (IsKnown(context, answers)) return;
        var root = (JsonObject)context.AnswersDocument.Root!;
        context.Report(DiagnosticCatalog.UnknownTemplate, context.AnswersDocument.MarkOf(root["template"]),
            $"template '{answers.Template}' is not a known template ({Known(context)}); fix the id, or validate with --templates <folder> holding it");
    }

    private static bool IsKnown(ValidationContext context, AnswersFile answers)
    {
        if (KnownTemplates(context).Contains(answers.Template, StringComparer.Ordinal)) return true;
        if (answers.Source.Kind != TemplateSourceKind.Folder) return false;
        // A template scaffolded from a folder is known when that folder still holds it.
        var file = Path.GetFullPath(Path.Combine(context.Files.Root, answers.Source.Location, TemplateLoader.FileName));
        if (!File.Exists(file)) return false;
        try
        {
            return SafeYaml.Read(File.ReadAllText(file), file).Root?["metadata"]?["name"]?.ToString() == answers.Template;
        }
        catch (YamlFormatException)
        {
            return false;
        }
    }

    private static IReadOnlyCollection<string> KnownTemplates(ValidationContext context) =>
        context.Options.KnownTemplates ?? BuiltinTemplates.Value;

    private static string Known(ValidationContext context) =>
        KnownTemplates(context) is { Count: > 0 } ids ? "known: " + string.Join(", ", ids.Order(StringComparer.Ordinal)) : "no templates are known";

    private static readonly Lazy<IReadOnlyCollection<string>> BuiltinTemplates = new(() =>
        new Engine.EngineServices().Catalog().List().Where(e => e.Template is not null).Select(e => e.Template!.Id).ToArray());
}
