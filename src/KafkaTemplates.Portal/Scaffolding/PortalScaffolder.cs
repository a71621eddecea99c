using KafkaTemplates.Engine;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Portal.Catalog;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Validation;

namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>
/// The pipeline as the portal runs it: the engine renders into memory exactly as <c>kafka-templates new</c> does,
/// and the validator checks the result. Dry runs get the file checks only (milliseconds, no child processes);
/// created repos get the whole validation, with helm and promtool when they are on the tool path (seconds).
/// </summary>
internal sealed class PortalScaffolder(EngineServices engine, DataFolder data, PortalCatalog catalog, PortalOptions options)
{
    public Task<ScaffoldResult> RenderAsync(TemplateDefinition template, AnswerSet answers, IScaffoldLog log, CancellationToken cancellationToken) =>
        engine.Scaffolder.RunAsync(template, answers, new ScaffoldOptions(), log, cancellationToken);

    /// <summary>The file checks of a rendered repo, run on a scratch copy that is removed afterwards.</summary>
    public ValidationReport CheckFiles(FileSet files)
    {
        var folder = data.NewScratchFolder();
        try
        {
            AtomicDirectoryWriter.Write(files, folder);
            return new RepoValidator().ValidateWithoutHelm(folder, ValidationOptions);
        }
        finally
        {
            DataFolder.TryDelete(folder);
        }
    }

    /// <summary>Every check of a written repo, with helm and promtool when they can be found.</summary>
    public Task<ValidationReport> ValidateAsync(string repoFolder, CancellationToken cancellationToken) =>
        new RepoValidator().ValidateAsync(repoFolder, ValidationOptions, cancellationToken);

    private ValidationOptions ValidationOptions => new()
    {
        SearchPath = options.ToolSearchPath,
        KnownTemplates = catalog.Names,
    };
}
