namespace KafkaTemplates.Engine.Actions;

/// <summary>A step that failed; names the step so the user knows where to look in template.yaml.</summary>
public sealed class ActionException(string stepId, string problem, Exception? inner = null)
    : Exception($"step '{stepId}': {problem}", inner)
{
    public string StepId { get; } = stepId;
    public string Problem { get; } = problem;
}
