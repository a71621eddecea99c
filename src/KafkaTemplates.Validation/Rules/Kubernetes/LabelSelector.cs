using k8s.Models;

namespace KafkaTemplates.Validation.Rules.Kubernetes;

/// <summary>Label selector matching as the API server does it: matchLabels, and matchExpressions with In, NotIn, Exists, DoesNotExist.</summary>
internal static class LabelSelector
{
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string> labels)
    {
        if (selector is null) return false;
        if (selector.MatchLabels is { } required && !Matches(required, labels)) return false;
        foreach (var e in selector.MatchExpressions ?? [])
        {
            var has = labels.TryGetValue(e.Key, out var value);
            var ok = e.OperatorProperty switch
            {
                "In" => has && (e.Values ?? []).Contains(value!),
                "NotIn" => !has || !(e.Values ?? []).Contains(value!),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>Equality selectors (Service selectors, matchLabels): every pair present with the same value.</summary>
    public static bool Matches(IDictionary<string, string> required, IDictionary<string, string> labels) =>
        required.All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value);

    public static bool IsEmpty(V1LabelSelector? selector) =>
        selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0);
}
