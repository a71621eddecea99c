using System.Text.RegularExpressions;
using k8s.Models;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Apply;

/// <summary>
/// A field the chart sets that another field manager owns with a different value, as the API server reports it on a
/// server-side apply without force (409, cause FieldManagerConflict).
/// </summary>
public sealed partial record FieldConflict(ObjectRef Object, string Field, string Manager, string Detail)
{
    public static IReadOnlyList<FieldConflict> FromStatus(ObjectRef obj, V1Status? status)
    {
        var causes = status?.Details?.Causes?.Where(c => c.Reason == "FieldManagerConflict").ToList() ?? [];
        if (causes.Count == 0) return [new FieldConflict(obj, "(unknown field)", "(unknown manager)", status?.Message ?? "conflict")];
        return causes.Select(c => new FieldConflict(obj, c.Field ?? "(unknown field)",
            ManagerName().Match(c.Message ?? "") is { Success: true } m ? m.Groups[1].Value : "(unknown manager)", c.Message ?? "")).ToList();
    }

    [GeneratedRegex("conflict with \"([^\"]*)\"")]
    private static partial Regex ManagerName();
}
