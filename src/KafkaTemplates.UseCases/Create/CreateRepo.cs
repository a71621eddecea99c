using System.Text.Json.Nodes;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Installation;
using KafkaTemplates.Installation.Faults;
using KafkaTemplates.UseCases.Install;
using KafkaTemplates.UseCases.Validate;
using KafkaTemplates.Validation;

namespace KafkaTemplates.UseCases.Create;

/// <summary>
/// Create a repo from a template, the same way behind every front door: answers (the name from the folder when none
/// is given), the source recorded, render into memory, then either check the files in memory (a dry run) or write
/// them into place in one move, validate, and install when the answers ask for it. Each step after the write is a
/// method of its own, so further steps (publishing to a git host) slot in after <see cref="InstallAsync"/>.
/// </summary>
public sealed class CreateRepo(UseCaseContext context)
{
    /// <summary>The parameter a template names its repo with; it defaults to the target folder's name.</summary>
    public const string NameParameter = "name";

    /// <summary>The parameter a template asks with whether to install the repo right away, as dotnet new's post-action does.</summary>
    public const string InstallParameter = "install";

    /// <summary>
    /// Binds answers as every front door does: a template with a <c>name</c> parameter takes the target folder's name
    /// when no answer gives one, as dotnet new does; <paramref name="askMissing"/> (a terminal's prompts) then fills
    /// in what is still missing; then every rule is checked.
    /// </summary>
    /// <param name="target">The folder the repo will be written to, or null.</param>
    /// <param name="targetAsGiven">The folder as the user gave it, for messages.</param>
    /// <exception cref="ParameterException">Every answer that breaks a rule.</exception>
    public static AnswerSet BindAnswers(TemplateDefinition template, AnswerInput input, string? target, string? targetAsGiven = null,
        Action<ParameterSchema, AnswerInput>? askMissing = null)
    {
        var nameFromFolder = target is not null && template.Parameters.Find(NameParameter) is not null && !input.Provides(NameParameter);
        if (nameFromFolder) input.FromSet.Add(new(NameParameter, RepoFiles.FolderName(target!)));
        askMissing?.Invoke(template.Parameters, input);
        try
        {
            return ParameterBinder.Bind(template.Parameters, input);
        }
        catch (ParameterException e) when (nameFromFolder && e.Violations.Any(v => v.Parameter == NameParameter))
        {
            // The user never typed this name: say where it came from and how to choose another.
            throw new ParameterException([.. e.Violations.Select(v => v.Parameter != NameParameter ? v
                : v with { Message = $"{v.Message}; it was taken from the folder name of {Setting.Output} {targetAsGiven ?? target}: pass {Setting.Set} {NameParameter}=<name>, or choose another folder" })],
                e.Omitted);
        }
    }

    /// <summary>
    /// The folder (relative to where the user is) a repo goes to when no folder is given: its name answer, when the
    /// template has a <c>name</c> parameter and the answers give one; else null. The reverse of the name taken from the
    /// folder in <see cref="BindAnswers"/>.
    /// </summary>
    public static string? DefaultTarget(TemplateDefinition template, AnswerInput input)
    {
        if (template.Parameters.Find(NameParameter) is null) return null;
        var fromSet = input.FromSet.LastOrDefault(s => s.Key == NameParameter).Value;
        var name = fromSet ?? input.FromFile[NameParameter]?.ToString();
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }

    /// <summary>Refuses, before any question is asked, a target that holds files when writing into it was not allowed.</summary>
    /// <exception cref="TargetNotEmptyException">The folder is not empty.</exception>
    public static void CheckTarget(string target, string targetAsGiven, bool force)
    {
        if (!force && Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw new TargetNotEmptyException(targetAsGiven);
    }

    /// <exception cref="ScaffoldException">The template failed; nothing was written.</exception>
    /// <exception cref="TargetNotEmptyException">The target holds files and <see cref="CreateRepoRequest.Force"/> is off.</exception>
    public async Task<CreateRepoResult> RunAsync(CreateRepoRequest request, ICreateRepoObserver observer, CancellationToken cancellationToken)
    {
        var rendered = await RenderAsync(request, observer, cancellationToken);
        var result = new CreateRepoResult { Rendered = rendered };
        if (request.DryRun || request.Target is null)
            return await ValidateAsync(result, request, observer, RepoFiles.InMemory(rendered.Files, RepoName(request), request.Target), cancellationToken);

        cancellationToken.ThrowIfCancellationRequested();
        AtomicDirectoryWriter.Write(rendered.Files, request.Target, new WriteOptions { Force = request.Force });
        result = result with { Written = request.Target };
        observer.Written(request.Target, rendered);

        result = await ValidateAsync(result, request, observer, RepoFiles.InFolder(request.Target), cancellationToken);
        return await InstallAsync(result, request, observer, cancellationToken);
    }

    private async Task<ScaffoldResult> RenderAsync(CreateRepoRequest request, ICreateRepoObserver observer, CancellationToken cancellationToken)
    {
        var template = request.Template;
        if (request.Target is not null && request.RecordSourceRelativeToRepo && template.Source.Kind == TemplateSourceKind.Folder)
            template = template with { Source = TemplateSource.Folder(Path.GetRelativePath(request.Target, template.Directory).Replace('\\', '/')) };
        // One budget of output and time for the whole run, however many files and inputs the template renders.
        var options = new ScaffoldOptions
        {
            UserRef = request.UserRef,
            Budget = new RenderBudget(context.Engine.Renderer.Limits, cancellationToken),
            DryRun = request.DryRun || request.Target is null,
        };
        var rendered = await context.Engine.Scaffolder.RunAsync(template, request.Answers, options, observer.Log, cancellationToken);
        observer.Rendered(rendered);
        return rendered;
    }

    private async Task<CreateRepoResult> ValidateAsync(CreateRepoResult result, CreateRepoRequest request, ICreateRepoObserver observer, RepoFiles files,
        CancellationToken cancellationToken)
    {
        if (request.Validation is not { } depth || !ValidateRepo.Applies(result.Rendered.Files)) return result;
        // Helm and promtool read files; a repo that exists only in memory gets the file checks.
        if (result.Written is null) depth = ValidationDepth.Files;
        var validation = new ValidateRepo(context);
        try
        {
            var report = await observer.ValidateAsync(depth, () => validation.RunAsync(new ValidateRequest
            {
                Files = files,
                Depth = depth,
                KnownTemplates = request.KnownTemplates,
            }, cancellationToken));
            return result with { Validation = report };
        }
        catch (InvalidRepoException e)
        {
            return result with { ValidationFailure = e };
        }
    }

    /// <summary>Whether the answers ask to install the repo once it is written: the template's <c>install</c> switch.</summary>
    public static bool AsksInstall(AnswerSet answers) => answers[InstallParameter] is JsonValue v && v.TryGetValue<bool>(out var wanted) && wanted;

    /// <summary>The template's install switch: deploy the repo right away, as the dotnet new post-action does.</summary>
    private static async Task<CreateRepoResult> InstallAsync(CreateRepoResult result, CreateRepoRequest request, ICreateRepoObserver observer,
        CancellationToken cancellationToken)
    {
        var asked = AsksInstall(request.Answers);
        result = result with { InstallAsked = asked };
        if (!asked || request.Install is null || result.ValidationFailure is not null || result.Validation?.HasErrors == true) return result;
        try
        {
            var installed = await new InstallRepo().RunAsync(request.Install with { RepoPath = request.Target! }, observer.Installing(request.Target!), cancellationToken);
            return result with { Install = installed };
        }
        catch (Exception e) when (e is InstallInputException or ClusterUnreachableException or KubeApiException or InvalidDataException)
        {
            return result with { InstallFailure = e };
        }
    }

    /// <summary>The name a repo not written yet goes by: its target folder's, else its name answer, else the template's id.</summary>
    private static string RepoName(CreateRepoRequest request) =>
        request.Target is { } target ? RepoFiles.FolderName(target)
        : request.Answers[NameParameter] is JsonValue v && v.TryGetValue<string>(out var name) && name.Length > 0 ? name
        : request.Template.Id;
}
