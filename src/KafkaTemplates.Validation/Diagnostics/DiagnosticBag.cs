using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>
/// Collects the diagnostics of one validation. The same finding reached twice (the same template line rendered with
/// several value sets, a helm message printed for each) is kept once: the first report wins, so a finding seen with
/// the repo's own values is not labelled with a switch-on rendering.
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<(string, string, int, int, string)> _seen = [];
    private readonly Lock _gate = new();

    public void Report(DiagnosticDescriptor descriptor, SourceMark at, string message, string? context = null)
    {
        // Diagnostics always carry a position: a file-level finding points at its first character.
        var line = Math.Max(1, at.Line);
        var column = Math.Max(1, at.Column);
        lock (_gate)
        {
            if (!_seen.Add((descriptor.Code, at.File, line, column, message))) return;
            var text = context is null ? message : $"{message} ({context})";
            _items.Add(new Diagnostic(descriptor.Code, descriptor.Severity, at.File, line, column, text, descriptor.Help));
        }
    }

    public bool Any(Func<Diagnostic, bool> predicate)
    {
        lock (_gate) return _items.Any(predicate);
    }

    /// <summary>In reading order: by file, then line, then column, then code.</summary>
    public IReadOnlyList<Diagnostic> Sorted()
    {
        lock (_gate)
        {
            return [.. _items
                .OrderBy(d => d.File, StringComparer.Ordinal)
                .ThenBy(d => d.Line).ThenBy(d => d.Column)
                .ThenBy(d => d.Code, StringComparer.Ordinal)
                .ThenBy(d => d.Message, StringComparer.Ordinal)];
        }
    }
}
