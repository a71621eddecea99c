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

    /// <summary>
    /// The budget of output and time the whole run draws on, with its cancellation; the use case creates one per run.
    /// Null: a budget with the renderer's limits and the run's cancellation token.
    /// </summary>
    public Rendering.RenderBudget? Budget { get; init; }
}
