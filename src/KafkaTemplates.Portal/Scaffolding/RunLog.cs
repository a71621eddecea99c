using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Steps;

namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>
/// The engine's log as Backstage log-event bodies, <c>{ message, stepId?, status? }</c>: the first line of each step
/// carries <c>processing</c>, and <see cref="Finish"/> adds each step's final status from the engine's step reports,
/// which is how Backstage's task page shows step progress. Every message is masked for the run's secrets.
/// </summary>
internal sealed class RunLog(Action<JsonObject> emit, IEnumerable<string> secrets) : IScaffoldLog
{
    private readonly RedactingLog _redactor = new(ScaffoldLog.Null, secrets);
    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string? _current;

    /// <summary>The step that started last: the one a failure or a cancellation belongs to.</summary>
    public string? CurrentStep
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>The text masked for the run's secrets, with settings named in the portal's words.</summary>
    public string Redact(string text) => _redactor.Redact(PortalWords.Render(text));

    public void Write(ScaffoldLogLevel level, string? stepId, string message)
    {
        // The CLI shows no debug lines either; they are the engine's notes to itself.
        if (level == ScaffoldLogLevel.Debug) return;
        var body = new JsonObject { ["message"] = Redact(message) };
        lock (_gate)
        {
            if (stepId is not null)
            {
                body["stepId"] = stepId;
                if (_started.Add(stepId))
                {
                    body["status"] = "processing";
                    _current = stepId;
                }
            }
            emit(body);
        }
    }

    /// <summary>A line of the portal's own (not of a step), such as "Starting up task with 3 steps".</summary>
    public void Note(string message, string? stepId = null, string? status = null)
    {
        var body = new JsonObject { ["message"] = Redact(message) };
        if (stepId is not null) body["stepId"] = stepId;
        if (status is not null) body["status"] = status;
        lock (_gate)
        {
            if (stepId is not null && status == "processing" && _started.Add(stepId)) _current = stepId;
            emit(body);
        }
    }

    /// <summary>Each step's final status, as the engine reported it.</summary>
    public void Finish(IEnumerable<StepReport> reports)
    {
        foreach (var report in reports)
        {
            var (status, message) = report.Outcome switch
            {
                StepOutcome.Ran => ("completed", $"Finished step {report.Name}"),
                StepOutcome.SkippedByCondition => ("skipped", $"Skipped step {report.Name}: its if-condition is false"),
                StepOutcome.SkippedInDryRun => ("skipped", $"Skipped step {report.Name}: a dry run changes nothing outside the files"),
                _ => ("skipped", $"Skipped step {report.Name}: {report.Action} runs only in a Backstage portal with its integrations"),
            };
            Note(message, report.Id, status);
        }
    }

    /// <summary>Marks the step that was running as failed, with why.</summary>
    public void Fail(string message) => Note(message, CurrentStep, CurrentStep is null ? null : "failed");
}
