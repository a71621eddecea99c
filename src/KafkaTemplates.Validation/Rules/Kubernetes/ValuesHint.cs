using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>
/// Points a finding about a rendered object at the values.yaml switch that caused it, when the repo's own values
/// turned that switch off: that is the line a team changes, not the template.
/// </summary>
internal static class ValuesHint
{
    public static SourceMark? Where(ValidationContext context, RenderedChart chart, string setting, object offValue)
    {
        if (!chart.ValueSet.IsRepoValues || context.Values is not { } values || values.Get(setting) is not JsonValue) return null;
        var matches = offValue switch
        {
            bool b => values.Boolean(setting) == b,
            string s => values.String(setting) == s,
            _ => false,
        };
        return matches ? values.Mark(setting) : null;
    }
}
