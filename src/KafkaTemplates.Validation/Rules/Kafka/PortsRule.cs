using System.Globalization;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>
/// KT4006: the listener ports the chart fixes (kafka.port.* in _helpers.tpl), the exporter port and the local JMX port
/// are all different, as they share the pod's network namespace.
/// </summary>
internal sealed partial class PortsRule : IRepoRule
{
    public void Check(ValidationContext context)
    {
        var ports = new List<(string Name, long Port, SourceMark Mark)>();
        var helpers = context.Files.ReadLines(RepoLayout.HelpersFile);
        for (var i = 0; i < helpers.Length; i++)
        {
            foreach (Match m in PortDefine().Matches(helpers[i]))
                ports.Add(($"kafka.port.{m.Groups["name"].Value} ({RepoLayout.HelpersFile})",
                    long.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture),
                    new SourceMark(RepoLayout.HelpersFile, i + 1, m.Groups["port"].Index + 1)));
        }
        if (context.Values is { } values)
        {
            foreach (var setting in new[] { "metrics.jmx.port", "metrics.jmx.jmxPort" })
            {
                if (!context.IsRejectedBySchema(setting) && values.Integer(setting) is { } port)
                    ports.Add((setting, port, values.Mark(setting)));
            }
        }

        var seen = new Dictionary<long, string>();
        foreach (var (name, port, mark) in ports)
        {
            if (seen.TryAdd(port, name)) continue;
            context.Report(DiagnosticCatalog.PortCollision, mark,
                $"{name} is {port}, which is already the port of {seen[port]}; give every listener and exporter of the pod a port of its own");
        }
    }

    [GeneratedRegex(@"define\s+""kafka\.port\.(?<name>[A-Za-z]+)""\s*-?\}\}\s*(?<port>[0-9]+)")]
    private static partial Regex PortDefine();
}
