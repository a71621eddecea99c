using System.Globalization;
using KafkaTemplates.Installation.Apply;

namespace KafkaTemplates.Installation.Hooks;

/// <summary>
/// A rendered object the chart marks as a Helm hook: when it runs (helm.sh/hook), in which order
/// (helm.sh/hook-weight, then kind and name, as Helm sorts), and when its object is deleted (helm.sh/hook-delete-policy;
/// none given means before-hook-creation, as in Helm 3).
/// </summary>
internal sealed record ReleaseHook(ResolvedObject Object, IReadOnlyList<string> Events, int Weight, IReadOnlyList<string> DeletePolicies)
{
    public const string PostInstall = "post-install";
    public const string PostUpgrade = "post-upgrade";
    public const string Test = "test";
    public const string BeforeHookCreation = "before-hook-creation";
    public const string HookSucceeded = "hook-succeeded";
    public const string HookFailed = "hook-failed";

    public static ReleaseHook From(ResolvedObject o)
    {
        var weight = int.TryParse(o.Manifest.Annotation("helm.sh/hook-weight")?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var policies = Split(o.Manifest.Annotation("helm.sh/hook-delete-policy"));
        return new ReleaseHook(o, o.Manifest.Hooks, weight, policies.Count == 0 ? [BeforeHookCreation] : policies);
    }

    public bool IsTest => Events.Any(e => e is Test or "test-success");

    public bool Deletes(string policy) => DeletePolicies.Contains(policy, StringComparer.Ordinal);

    private static IReadOnlyList<string> Split(string? value) =>
        value is null ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
