using KafkaTemplates.Installation.Apply;
using KafkaTemplates.Installation.Wait;

namespace KafkaTemplates.Installation;

/// <summary>
/// What an install tells its caller while it runs: steps, notices (retries, resumed watches), each write as it
/// happens, and the rollout's progress. The CLI shows them on a terminal; tests record them.
/// </summary>
public interface IInstallObserver
{
    void Step(string message) { }

    void Notice(string message) { }

    void Applied(PlannedChange change) { }

    /// <summary>Every preflight finding, as soon as the checks have run (before anything is changed).</summary>
    void PreflightCompleted(Preflight.PreflightReport report) { }

    /// <summary>Runs the rollout wait; a terminal caller wraps it in a live progress display.</summary>
    Task<RolloutReport> TrackRolloutAsync(IReadOnlyList<string> statefulSets, TimeSpan timeout, Func<IProgress<IReadOnlyList<StatefulSetRollout>>, Task<RolloutReport>> wait) =>
        wait(new Progress<IReadOnlyList<StatefulSetRollout>>());
}
