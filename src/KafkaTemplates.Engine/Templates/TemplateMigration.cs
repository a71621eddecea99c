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
