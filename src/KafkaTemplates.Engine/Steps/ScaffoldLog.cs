namespace KafkaTemplates.Engine.Steps;

/// <summary>Keeps every entry and passes each to an optional sink (a console, the portal's event stream).</summary>
public sealed class ScaffoldLog(Action<ScaffoldLogEntry>? sink = null) : IScaffoldLog
{
    private readonly List<ScaffoldLogEntry> _entries = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ScaffoldLogEntry> Entries
    {
        get { lock (_gate) return [.. _entries]; }
    }

    public void Write(ScaffoldLogLevel level, string? stepId, string message)
    {
        var entry = new ScaffoldLogEntry(DateTimeOffset.UtcNow, level, stepId, message);
        lock (_gate) _entries.Add(entry);
        sink?.Invoke(entry);
    }

    public static readonly IScaffoldLog Null = new NullLog();

    private sealed class NullLog : IScaffoldLog
    {
        public void Write(ScaffoldLogLevel level, string? stepId, string message) { }
    }
}
