using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Alerts;

/// <summary>KT5007: the JMX exporter configuration parses, and every rule has a compiling pattern, a valid name and type.</summary>
internal sealed partial class ExporterConfigRule : IRepoRule
{
    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "GAUGE", "COUNTER", "UNTYPED" };

    public void Check(ValidationContext context)
    {
        ExporterConfig? config;
        try
        {
            config = ExporterConfig.Read(context.Files);
        }
        catch (YamlFormatException e)
        {
            context.Report(DiagnosticCatalog.ExporterConfigInvalid, e.Mark, $"{RepoLayout.ExporterConfig} is not valid YAML: {e.Problem}");
            return;
        }
        if (config is null) return;
        if (config.Document.Root is not JsonObject)
        {
            context.Report(DiagnosticCatalog.ExporterConfigInvalid, config.Document.MarkOf(config.Document.Root),
                "the exporter configuration must be a mapping with a list of rules");
            return;
        }
        if (config.Root["rules"] is not JsonArray)
        {
            context.Report(DiagnosticCatalog.ExporterConfigInvalid, config.Document.MarkOf(config.Root),
                "the exporter configuration has no list of rules, so no series the alerts use is named; add `rules:`");
            return;
        }
        foreach (var rule in config.Rules)
        {
            if (rule.Pattern is { } pattern)
            {
                if (CompileError(pattern) is { } error)
                    context.Report(DiagnosticCatalog.ExporterConfigInvalid, rule.PatternMark, $"the pattern {pattern} does not compile: {error}");
            }
            if (rule.Name is { } name && !MetricName().IsMatch(name))
                context.Report(DiagnosticCatalog.ExporterConfigInvalid, rule.NameMark,
                    $"'{name}' is not a valid metric name; use letters, digits, _ and : (and $n for pattern captures), not starting with a digit");
            if (rule.Type is { } type && !Types.Contains(type))
                context.Report(DiagnosticCatalog.ExporterConfigInvalid, rule.TypeMark, $"type '{type}' is not one of GAUGE, COUNTER, UNTYPED");
        }
    }

    /// <summary>
    /// Whether a pattern compiles depends on its text alone, and every repo of a template carries the same few dozen:
    /// each is parsed once, not on every dry run (bounded, so a stream of distinct patterns cannot grow it).
    /// </summary>
    private static readonly ConcurrentDictionary<string, string?> Compiles = new(StringComparer.Ordinal);

    private const int CompilesLimit = 1024;

    private static string? CompileError(string pattern)
    {
        if (Compiles.TryGetValue(pattern, out var known)) return known;
        string? error = null;
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            error = e.Message;
        }
        if (Compiles.Count >= CompilesLimit) Compiles.Clear();
        Compiles[pattern] = error;
        return error;
    }

    [GeneratedRegex(@"^(?:[A-Za-z_:]|\$[0-9]+)(?:[A-Za-z0-9_:]|\$[0-9]+)*$")]
    private static partial Regex MetricName();
}
