using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Repo;

/// <summary>KT1004: the files every deployment repo needs, and the CI files its `ci` answer promises.</summary>
internal sealed class RequiredFilesRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        var required = RepoLayout.RequiredFiles.ToList();
        if (RepoLayout.CiFileFor(context.Ci) is { } ciFile) required.Add(ciFile);
        foreach (var file in required.Where(f => !context.Files.Exists(f)))
        {
            var why = file == RepoLayout.CiFileFor(context.Ci) ? $" (the repo was generated with ci: {context.Ci})" : "";
            context.Report(DiagnosticCatalog.RequiredFileMissing, new SourceMark(file, 1, 1),
                $"{file} is missing{why}; restore it from git history or from a freshly scaffolded repo");
        }
    }
}
