using KafkaTemplates.Engine.Text;
using KafkaTemplates.Installation.Apply;

namespace KafkaTemplates.Installation.Hooks;

/// <summary>
/// Which hooks an apply-mode install runs, in order, and why the others are skipped. Apply mode runs the hooks that
/// follow a release's objects, as Helm does: post-install on the first install, post-upgrade on every later one.
/// Test hooks belong to `helm test`, which needs a Helm release.
/// </summary>
internal sealed record HookPlan(string Event, IReadOnlyList<ReleaseHook> Run, IReadOnlyList<PlannedChange> Skipped)
{
    public static HookPlan For(IReadOnlyList<ResolvedObject> hooks, bool firstInstall)
    {
        var hookEvent = firstInstall ? ReleaseHook.PostInstall : ReleaseHook.PostUpgrade;
        var run = new List<ReleaseHook>();
        var skipped = new List<PlannedChange>();
        foreach (var hook in hooks.Select(ReleaseHook.From))
        {
            var events = string.Join(",", hook.Events);
            if (hook.Events.Contains(hookEvent, StringComparer.Ordinal)) run.Add(hook);
            else if (hook.IsTest)
                skipped.Add(new(hook.Object.Ref, ChangeKind.Skip, $"helm {events} hook; not installed (it runs with `helm test` on a release installed with {Setting.Mode} helm)"));
            else if (hook.Events.Any(e => e is ReleaseHook.PostInstall or ReleaseHook.PostUpgrade))
                skipped.Add(new(hook.Object.Ref, ChangeKind.Skip, $"helm {events} hook; not run on this {(firstInstall ? "first install" : "upgrade")}"));
            else
                skipped.Add(new(hook.Object.Ref, ChangeKind.Skip, $"helm {events} hook; apply mode runs only post-install and post-upgrade hooks (use {Setting.Mode} helm for the others)"));
        }
        // Helm's order: weight, then kind (its install order), then name.
        var ordered = run.OrderBy(h => h.Weight).ThenBy(h => ApplyOrder.Rank(h.Object.Ref.Kind)).ThenBy(h => h.Object.Ref.Name, StringComparer.Ordinal).ToList();
        return new HookPlan(hookEvent, ordered, skipped);
    }

    /// <summary>The hooks as lines of the plan.</summary>
    public IEnumerable<PlannedChange> Changes(bool afterRollout) => Run.Select(h =>
        new PlannedChange(h.Object.Ref, ChangeKind.Hook,
            $"{Event} hook, weight {h.Weight}; runs after the objects are applied{(afterRollout ? " and rolled out" : "")}" +
            (h.Deletes(ReleaseHook.BeforeHookCreation) ? "; a previous run's object is deleted first (before-hook-creation)" : "")));
}
