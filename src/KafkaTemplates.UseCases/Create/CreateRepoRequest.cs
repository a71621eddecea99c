using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Installation;
using KafkaTemplates.UseCases.Validate;

namespace KafkaTemplates.UseCases.Create;

/// <summary>What repo to create, where, and what to do once it is written.</summary>
public sealed record CreateRepoRequest
{
    public required TemplateDefinition Template { get; init; }

    /// <summary>Bound answers, from <see cref="CreateRepo.BindAnswers"/> or the portal's request.</summary>
    public required AnswerSet Answers { get; init; }

    /// <summary>The folder to create, as an absolute path. Null for a repo that lives nowhere yet (the portal's preview).</summary>
    public string? Target { get; init; }

    /// <summary>Render and check in memory; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Write into a folder that is not empty: generated files replace theirs, other files are kept.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Record a folder template's source relative to the new repo, so the record means the same on every machine.
    /// Off where the repo will not stay where it is written (the portal's repos are downloaded).
    /// </summary>
    public bool RecordSourceRelativeToRepo { get; init; } = true;

    /// <summary>How to validate the new repo; null: not at all. A dry run runs the file checks at most.</summary>
    public ValidationDepth? Validation { get; init; } = ValidationDepth.Full;

    /// <summary>Template ids the new repo's answers file may name; null: the shipped ones.</summary>
    public IReadOnlyCollection<string>? KnownTemplates { get; init; }

    /// <summary>
    /// How to install the repo when its answers say <c>install: true</c> and it validated (the repo path is the
    /// target). Null: never install here; a shared portal has no cluster access of its users.
    /// </summary>
    public InstallOptions? Install { get; init; }

    /// <summary>The user for <c>${{ user.ref }}</c>, when a front door knows one.</summary>
    public string? UserRef { get; init; }
}
