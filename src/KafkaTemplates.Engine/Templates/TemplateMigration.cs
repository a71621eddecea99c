using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// A change a template version makes to existing repos beyond what re-rendering shows: a parameter renamed, a file
/// moved. Declared under <c>spec.migrations</c>; an upgrade runs those above the repo's version, in version order.
/// </summary>
public sealed record TemplateMigration(SemanticVersion Version, IReadOnlyList<MigrationOperation> Operations, SourceMark Mark);

public abstract record MigrationOperation;

/// <summary>An answer recorded under <see cref="From"/> is carried over to <see cref="To"/>.</summary>
public sealed record RenameParameter(string From, string To) : MigrationOperation;

/// <summary>A file the team may have edited moves with its edits, so the merge sees it at its new path.</summary>
public sealed record MoveFile(string From, string To) : MigrationOperation;

/// <summary>An answer that no longer means anything is dropped.</summary>
public sealed record RemoveParameter(string Name) : MigrationOperation;

/// <summary>
/// A repo made before this version gets this answer for a parameter it never answered, instead of the parameter's
/// default: the default suits new repos, the set answer keeps an existing one behaving as it did (for example an open
/// cluster stays open until the team turns on authentication). An answer given with --set wins.
/// </summary>
public sealed record SetAnswer(string Name, JsonNode? Value) : MigrationOperation;
