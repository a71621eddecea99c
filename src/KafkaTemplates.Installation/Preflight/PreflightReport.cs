namespace KafkaTemplates.Installation.Preflight;

/// <summary>Every check's findings, gathered so that all problems are reported together, not one per run.</summary>
public sealed class PreflightReport
{
    private readonly List<PreflightProblem> _problems = [];
    private readonly List<string> _passed = [];

    public IReadOnlyList<PreflightProblem> Problems => _problems;

    public IEnumerable<PreflightProblem> Errors => _problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<PreflightProblem> Warnings => _problems.Where(p => p.Severity == ProblemSeverity.Warning);

    /// <summary>Checks that ran and found nothing, in the order they ran.</summary>
    public IReadOnlyList<string> Passed => _passed;

    public bool HasErrors => Errors.Any();

    public void Add(PreflightProblem problem)
    {
        lock (_problems) _problems.Add(problem);
    }

    public void Error(string check, string message, string? fix = null) => Add(new PreflightProblem(check, message, fix));

    public void Warning(string check, string message, string? fix = null) => Add(new PreflightProblem(check, message, fix, ProblemSeverity.Warning));

    public void Pass(string check)
    {
        lock (_problems) if (!_problems.Any(p => p.Check == check && p.Severity == ProblemSeverity.Error)) _passed.Add(check);
    }
}
