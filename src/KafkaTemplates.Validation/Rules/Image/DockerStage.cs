namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>A build stage: its FROM instruction, the image it names (ARGs resolved), its alias, and its instructions.</summary>
internal sealed record DockerStage(DockerInstruction From, string Image, string? Alias, IReadOnlyList<DockerInstruction> Instructions);
