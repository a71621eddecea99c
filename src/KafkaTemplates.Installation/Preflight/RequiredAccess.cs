using KafkaTemplates.Engine.Text;
using KafkaTemplates.Installation.Apply;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// Every kind and verb this install needs, derived from what it will do: server-side apply needs get and patch (and
/// create for new objects), pruning needs delete, the inventory needs its ConfigMap, --create-namespace needs
/// namespaces, --wait needs to watch StatefulSets and read pods and events, helm mode needs the Secrets Helm keeps
/// releases in, a hook needs to be created, deleted and (a Job) watched. A dry run against the server is authorised like the real thing, so it needs the same.
/// </summary>
internal static class RequiredAccess
{
    public static IReadOnlyList<AccessRequirement> For(PreflightContext context)
    {
        var options = context.Options;
        var ns = context.Namespace;
        var needs = new List<AccessRequirement>();
        var readOnly = options.DryRun == DryRunMode.Client;

        foreach (var o in context.Objects.Where(o => o.Resource is not null))
        {
            var r = o.Resource!;
            var scope = r.Namespaced ? o.Ref.Namespace : null;
            var why = $"apply {o.Ref.Kind} {o.Ref.Name}";
            needs.Add(new("get", r.Group, r.Plural, scope, why));
            if (readOnly) continue;
            needs.Add(new("patch", r.Group, r.Plural, scope, why));
            if (!context.Live.Exists(o)) needs.Add(new("create", r.Group, r.Plural, scope, why));
            if (options.Mode == InstallMode.Helm) needs.Add(new("update", r.Group, r.Plural, scope, why));
        }
        if (readOnly) return Merge(needs);

        if (options.Mode == InstallMode.Apply)
        {
            const string inventory = "record the release inventory";
            needs.Add(new("get", "", "configmaps", ns, inventory));
            needs.Add(new("patch", "", "configmaps", ns, inventory));
            if (context.Live.Inventory is null) needs.Add(new("create", "", "configmaps", ns, inventory));
            foreach (var hook in context.Hooks.Where(h => h.Resource is not null))
            {
                var r = hook.Resource!;
                var scope = r.Namespaced ? hook.Ref.Namespace : null;
                var why = $"run the hook {hook.Ref.Kind} {hook.Ref.Name}";
                foreach (var verb in new[] { "get", "create", "patch", "delete" }) needs.Add(new(verb, r.Group, r.Plural, scope, why));
                if (hook.Ref.Kind == "Job")
                    foreach (var verb in new[] { "list", "watch" }) needs.Add(new(verb, r.Group, r.Plural, scope, $"wait for the hook Job {hook.Ref.Name}"));
            }
            foreach (var gone in context.PruneCandidates)
            {
                var resource = context.Capabilities.Find(gone.ApiVersion, gone.Kind);
                if (resource is not null) needs.Add(new("delete", resource.Group, resource.Plural, resource.Namespaced ? gone.Namespace : null, $"prune {gone.Kind} {gone.Name}"));
            }
        }
        else
        {
            const string helm = "store the Helm release (Helm keeps releases in Secrets)";
            foreach (var verb in new[] { "get", "list", "create", "update", "delete" }) needs.Add(new(verb, "", "secrets", ns, helm));
        }

        if (options.CreateNamespace && context.Live.NamespaceExists == false)
        {
            needs.Add(new("create", "", "namespaces", null, $"create namespace {ns}"));
            needs.Add(new("patch", "", "namespaces", null, $"create namespace {ns}"));
        }

        if (options.Wait && options.DryRun == DryRunMode.None && context.Objects.Any(o => o.Ref.Kind == "StatefulSet"))
        {
            var wait = $"wait for the rollout ({Setting.Wait})";
            needs.Add(new("list", "apps", "statefulsets", ns, wait));
            needs.Add(new("watch", "apps", "statefulsets", ns, wait));
            needs.Add(new("list", "", "pods", ns, wait));
            needs.Add(new("list", "", "events", ns, wait));
        }
        return Merge(needs);
    }

    private static IReadOnlyList<AccessRequirement> Merge(List<AccessRequirement> needs) =>
        needs.GroupBy(n => (n.Verb, n.Group, n.Resource, n.Namespace))
            .Select(g => g.First() with { Why = string.Join("; ", g.Select(n => n.Why).Distinct().Take(3)) + (g.Select(n => n.Why).Distinct().Count() > 3 ? "; ..." : "") })
            .ToList();
}
