using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Rendering;
using KafkaTemplates.Validation.Repo;
using KafkaTemplates.Validation.Rules.Kubernetes;

namespace KafkaTemplates.Validation.Rules.Security;

/// <summary>
/// KT4015 and KT4019, read from what the chart renders with the repo's values (server.properties and the pods'
/// environment): every ACL names a declared user or a super user, and the cluster's own nodes stay super users, through
/// the certificate principal mapping and any KAFKA_CFG_SUPER_USERS override. Only with an authorizer (scram, mtls).
/// </summary>
internal sealed class PrincipalsRule : IRenderedChartRule
{
    public void Check(ValidationContext context, RenderedChart chart)
    {
        if (!chart.ValueSet.IsRepoValues || context.Values is not { } values) return;
        if (ServerProperties(chart) is not { } properties || !properties.ContainsKey("authorizer.class.name")) return;
        var superUsers = List(properties.GetValueOrDefault("super.users"));
        var admin = values.String("auth.adminUser") ?? "admin";
        var nodes = superUsers.Where(u => u != "User:" + admin).ToList();

        CheckMapping(context, values, properties, nodes);
        CheckOverride(context, values, chart, nodes);
        if (!context.IsRejectedBySchema("acls") && values.Get("acls") is JsonArray acls) CheckAcls(context, values, acls, superUsers);
    }

    private static void CheckMapping(ValidationContext context, ValuesDocument values, IReadOnlyDictionary<string, string> properties, List<string> nodes)
    {
        if (properties.GetValueOrDefault("ssl.principal.mapping.rules") is not { } rules || PrincipalMapping.Parse(rules) is not { } mapping) return;
        foreach (var node in nodes)
        {
            var name = node["User:".Length..];
            var mapped = mapping.Map("CN=" + name);
            if (mapped == name) continue;
            context.Report(DiagnosticCatalog.SuperUsersLockOutBrokers, values.Mark("auth.principalMappingRules"),
                $"auth.principalMappingRules maps the certificate CN={name} to {(mapped is null ? "no principal (no rule matches)" : mapped)}, but the super user is {node}: the nodes would be denied their own cluster traffic. Keep a rule that maps CN=<name> to <name>, such as RULE:^CN=([^,]+).*$/$1/");
            return;
        }
    }

    private static void CheckOverride(ValidationContext context, ValuesDocument values, RenderedChart chart, List<string> nodes)
    {
        foreach (var workload in Workload.In(chart).Where(w => w.Kind == "StatefulSet"))
        foreach (var (container, _) in workload.Containers)
        {
            if ((container.Env ?? []).FirstOrDefault(e => e.Name == "KAFKA_CFG_SUPER_USERS") is not V1EnvVar env) continue;
            var missing = nodes.Except(List(env.Value)).ToList();
            if (missing.Count == 0) continue;
            var where = values.Has("controller.extraEnv") && workload.Name.EndsWith("-controller", StringComparison.Ordinal) ? "controller.extraEnv" : "broker.extraEnv";
            context.Report(DiagnosticCatalog.SuperUsersLockOutBrokers, values.Mark(where),
                $"KAFKA_CFG_SUPER_USERS in {where} replaces super.users without {string.Join(", ", missing)}: the nodes would be denied their own cluster traffic. Remove it; the chart sets super.users");
            return;
        }
    }

    private static void CheckAcls(ValidationContext context, ValuesDocument values, JsonArray acls, List<string> superUsers)
    {
        var users = values.Get("users") is JsonArray list
            ? list.OfType<JsonObject>().Select(u => Text(u["name"])).OfType<string>().ToHashSet(StringComparer.Ordinal)
            : [];
        for (var i = 0; i < acls.Count; i++)
        {
            if (acls[i] is not JsonObject acl || Text(acl["principal"]) is not { } principal || !principal.StartsWith("User:", StringComparison.Ordinal)) continue;
            var name = principal["User:".Length..];
            if (users.Contains(name) || superUsers.Contains(principal)) continue;
            context.Report(DiagnosticCatalog.AclPrincipalNotDeclared, values.MarkOfPointer($"/acls/{i}/principal"),
                $"acls[{i}] is for {principal}, but users does not declare {name} and it is not a super user ({string.Join(", ", superUsers)}); add {name} to users or correct the principal");
        }
    }

    /// <summary>server.properties of the chart's config ConfigMap, last occurrence of a key winning as in Kafka.</summary>
    private static Dictionary<string, string>? ServerProperties(RenderedChart chart)
    {
        foreach (var map in chart.OfKind("ConfigMap"))
        {
            if (map.Root?["data"]?["server.properties"] is not JsonValue text) continue;
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in text.GetValue<string>().Split('\n'))
            {
                var trimmed = line.Trim();
                var equals = trimmed.IndexOf('=');
                if (trimmed.Length == 0 || trimmed[0] == '#' || equals <= 0) continue;
                properties[trimmed[..equals].Trim()] = trimmed[(equals + 1)..].Trim();
            }
            return properties;
        }
        return null;
    }

    private static List<string> List(string? value) =>
        [.. (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
