using System.Text.Json.Nodes;
using KafkaTemplates.Installation.Rendering;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// The Secrets the values name for SCRAM users (users[].existingSecret, the password under existingSecretKey,
/// default "password"). The topics/users/ACLs hook Job mounts them when it runs (reconcile.enabled) and its users are
/// SCRAM users (auth.mode other than mtls), the conditions under which the chart reads them.
/// </summary>
internal static class UserSecrets
{
    public const string DefaultKey = "password";

    public sealed record Named(string Secret, string Key, string Where);

    public static IReadOnlyList<Named> From(JsonObject values)
    {
        if (values["reconcile"]?["enabled"] is JsonValue enabled && enabled.TryGetValue<bool>(out var on) && !on) return [];
        if (values["auth"]?["mode"]?.ToString() == "mtls") return [];
        var named = new List<Named>();
        var users = values["users"] as JsonArray ?? [];
        for (var i = 0; i < users.Count; i++)
        {
            if (users[i] is not JsonObject user || user["existingSecret"]?.ToString() is not { Length: > 0 } secret) continue;
            var key = user["existingSecretKey"]?.ToString() is { Length: > 0 } k ? k : DefaultKey;
            var name = user["name"]?.ToString();
            named.Add(new Named(secret, key, $"users[{i}]{(name is null ? "" : $" ({name})")}.existingSecret"));
        }
        return named;
    }
}
