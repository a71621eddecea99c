using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Repo;

/// <summary>
/// KT1001-KT1003 and KT1006: the answers file exists, has its fields, names a template this tool knows, and its
/// answers pass that template's parameter rules (when the tool ships the recorded version).
/// </summary>
internal sealed class AnswersFileRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        if (context.AnswersDocument is null && context.Conflicts.Any(c => c.Path == RepoLayout.AnswersFile)) return; // KT1007 says why.
        if (context.AnswersDocument is null)
        {
            context.Report(DiagnosticCatalog.AnswersFileMissing, new SourceMark(RepoLayout.AnswersFile, 1, 1),
                $"{RepoLayout.AnswersFile} is missing, so `kafka-templates diff` and `upgrade` cannot re-render this repo; restore it from git history");
            return;
        }
        if (context.Answers is not { } answers) return; // RepoValidator reported why it is incomplete (KT1002).

        var root = (JsonObject)context.AnswersDocument.Root!;
        if (IsKnown(context, answers))
        {
            CheckAnswers(context, answers, root);
            return;
        }
        context.Report(DiagnosticCatalog.UnknownTemplate, context.AnswersDocument.MarkOf(root["template"]),
            $"template '{answers.Template}' is not a known template ({Known(context)}); fix the id, or validate with the templates folder that holds it");
    }

    private static void CheckAnswers(ValidationContext context, AnswersFile answers, JsonObject root)
    {
        if (answers.Source.Kind != TemplateSourceKind.Builtin) return;
        var template = ShippedTemplate(answers.Template);
        if (template is null || template.Version != answers.Version) return;
        var input = new AnswerInput();
        foreach (var (name, value) in answers.Answers)
            if (template.Parameters.Find(name) is not null) input.Recorded[name] = value?.DeepClone();
        try
        {
            ParameterBinder.Bind(template.Parameters, input);
        }
        catch (ParameterException e)
        {
            // Secrets are never recorded, so a missing secret is expected, not a defect.
            foreach (var v in e.Violations.Where(v => !(v.Rule == "required" && template.Parameters.Find(v.Parameter)?.IsSecret == true)))
            {
                var at = root["answers"] is JsonObject recorded && recorded.ContainsKey(v.Parameter)
                    ? context.AnswersDocument!.MarkOf(recorded[v.Parameter]) : context.AnswersDocument!.MarkOf(root["answers"]);
                context.Report(DiagnosticCatalog.AnswersBreakParameterRules, at,
                    $"the answer {v.Parameter} {v.Message}{(v.Value is null ? "" : $" (got {v.Value})")}; put it back, or change it with an upgrade, which checks the new value");
            }
        }
    }

    private static TemplateDefinition? ShippedTemplate(string id) => Shipped.Value.GetValueOrDefault(id);

    // The tool's own templates do not change while it runs: load them once.
    private static readonly Lazy<IReadOnlyDictionary<string, TemplateDefinition>> Shipped = new(() =>
        new Engine.EngineServices().Catalog().List().Where(e => e.Template is not null)
            .ToDictionary(e => e.Template!.Id, e => e.Template!, StringComparer.Ordinal));

    private static bool IsKnown(ValidationContext context, AnswersFile answers)
    {
        if (KnownTemplates(context).Contains(answers.Template, StringComparer.Ordinal)) return true;
        if (answers.Source.Kind != TemplateSourceKind.Folder) return false;
        // A template scaffolded from a folder is known when that folder still holds it; a relative folder is
        // relative to the repo, so it can be checked only when the repo has a place on disk.
        if (context.Files.Folder is null && !Path.IsPathRooted(answers.Source.Location)) return false;
        var file = Path.GetFullPath(Path.Combine(context.Files.Folder ?? "", answers.Source.Location, TemplateLoader.FileName));
        // The folder comes from the answers file: read it only as a regular file (never a FIFO that blocks, nor a link).
        if (Engine.FileSets.FileKinds.Of(file) != Engine.FileSets.EntryKind.File) return false;
        try
        {
            return YamlReader.ReadFile(file).Root?["metadata"]?["name"]?.ToString() == answers.Template;
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

    private static readonly Lazy<IReadOnlyCollection<string>> BuiltinTemplates = new(() => Shipped.Value.Keys.ToArray());
}
