namespace KafkaTemplates.Engine.Steps;

/// <summary>How a scaffolding run behaves beyond the template and answers.</summary>
public sealed record ScaffoldOptions
{
    /// <summary>Adds the answers file to the result; only turned off to render a bare skeleton.</summary>
    public bool WriteAnswersFile { get; init; } = true;

    /// <summary>The user for <c>${{ user.entity }}</c> and <c>${{ user.ref }}</c>, when a portal knows one.</summary>
    public string? UserRef { get; init; }

    /// <summary>A preview: steps that would change something outside the workspace (publish, register) are skipped.</summary>
    public bool DryRun { get; init; }
}
