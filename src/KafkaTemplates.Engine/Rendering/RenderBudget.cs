using System.Diagnostics;
using System.Globalization;

namespace KafkaTemplates.Engine.Rendering;

/// <summary>
/// What one render run (every file, file name and step input of one scaffolding) may spend: characters of output
/// and time, shared by all its pieces, plus the run's cancellation. Limits per piece alone let many pieces add up
/// (twenty files just under the file limit; a slow regex in a long loop), so every output append, loop iteration
/// and regular expression draws on this one budget. Created once per run by the use case; not thread-safe.
/// </summary>
public sealed class RenderBudget
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _outputChars;

    public RenderBudget(RenderLimits limits, CancellationToken cancellationToken = default)
    {
        Limits = limits;
        CancellationToken = cancellationToken;
    }

    public RenderLimits Limits { get; }

    /// <summary>Cancels the run: a portal task cancelled or its client gone, Ctrl+C on the CLI.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Characters rendered so far in this run.</summary>
    public long OutputChars => _outputChars;

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>
    /// Stops the clock while a step waits on something outside the render (a git host, a catalog), until disposed:
    /// a slow network is not a slow template, and has its own timeouts and retries.
    /// </summary>
    public IDisposable PauseClock()
    {
        _clock.Stop();
        return new ClockResume(_clock);
    }

    private sealed class ClockResume(Stopwatch clock) : IDisposable
    {
        public void Dispose() => clock.Start();
    }

    /// <summary>Stops the run when it was cancelled or ran out of time.</summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    /// <exception cref="TemplateLimitException">The run took longer than <see cref="RenderLimits.MaxRunTime"/>.</exception>
    public void Check()
    {
        CancellationToken.ThrowIfCancellationRequested();
        if (_clock.Elapsed > Limits.MaxRunTime) throw new TemplateLimitException(TimeMessage);
    }

    /// <summary>Counts <paramref name="chars"/> more characters of output, then <see cref="Check"/>s.</summary>
    /// <exception cref="TemplateLimitException">The run's output grew past <see cref="RenderLimits.MaxRunOutputChars"/>.</exception>
    public void Spend(long chars)
    {
        _outputChars += chars;
        if (_outputChars > Limits.MaxRunOutputChars)
            throw new TemplateLimitException(
                $"the render's output grew past {Limits.MaxRunOutputChars.ToString("N0", CultureInfo.InvariantCulture)} characters, the limit for one render (all files together)");
        Check();
    }

    /// <summary>The timeout for one regular expression match: its own limit, but never past the end of the run's time.</summary>
    public TimeSpan RegexTimeout
    {
        get
        {
            var left = Limits.MaxRunTime - _clock.Elapsed;
            if (left < TimeSpan.FromMilliseconds(1)) left = TimeSpan.FromMilliseconds(1);
            return left < Limits.RegexTimeout ? left : Limits.RegexTimeout;
        }
    }

    /// <summary>
    /// Why a regular expression timed out: a match given less than its own limit was cut short by the run's time
    /// (read from the timeout it was given, because the regex clock and ours tick at different granularities).
    /// </summary>
    public string RegexTimeoutMessage(TimeSpan matchTimeout) =>
        matchTimeout < Limits.RegexTimeout || _clock.Elapsed >= Limits.MaxRunTime
            ? TimeMessage
            : $"a regular expression ran longer than the limit of {Limits.RegexTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s for one match";

    private string TimeMessage =>
        $"the render ran longer than {Limits.MaxRunTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)}s, the time limit for one render (all files together)";
}
