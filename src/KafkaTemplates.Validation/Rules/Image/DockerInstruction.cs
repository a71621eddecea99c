namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>One Dockerfile instruction with its continuation lines joined, and the line it starts on.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Line)
{
    public bool Is(string keyword) => string.Equals(Keyword, keyword, StringComparison.OrdinalIgnoreCase);
}
