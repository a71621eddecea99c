using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// A loaded and checked Backstage <c>scaffolder.backstage.io/v1beta3</c> Template. The template's SemVer version
/// lives in the annotation <see cref="VersionAnnotation"/>, where Backstage keeps it as ordinary metadata.
/// </summary>
public sealed record TemplateDefinition
{
    public const string ApiVersion = "scaffolder.backstage.io/v1beta3";
    public const string VersionAnnotation = "kafka-templates.dev/version";

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required SemanticVersion Version { get; init; }
    public required string Owner { get; init; }
    public required string Type { get; init; }
    public required ParameterSchema Parameters { get; init; }
    public required IReadOnlyList<TemplateStep> Steps { get; init; }
    public required TemplateOutput Output { get; init; }
    public required IReadOnlyList<TemplateMigration> Migrations { get; init; }

    /// <summary>The folder holding template.yaml; step URLs such as <c>./skeleton</c> are relative to it.</summary>
    public required string Directory { get; init; }

    public required string File { get; init; }

    public TemplateSource Source { get; init; } = TemplateSource.Builtin;

    /// <summary>The whole document, for the portal's parameter-schema endpoint.</summary>
    public required JsonObject Document { get; init; }
}
