using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Sodium;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// The emulated GitHub's Actions and repository-property calls, in GitHub's documented shapes: the repository's
/// Actions public key (a libsodium key pair of the emulator's own, per repository) and secrets, which arrive sealed to
/// it and are opened here so tests see the value that arrived; the OIDC subject claim customization; custom property
/// values, which an organisation must have defined. Classic tokens need the <c>repo</c> scope for each (403 with
/// X-Accepted-OAuth-Scopes otherwise), an unknown repository answers 404 and a malformed body 422.
/// </summary>
public sealed partial class GitHubEmulator
{
    private readonly Dictionary<string, (string KeyId, KeyPair Keys)> _actionsKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _secrets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Created, string Updated)> _secretDates = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<string>> _customProperties = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The organisation defines a custom property, so repositories can be given a value for it.</summary>
    public GitHubEmulator DefineCustomProperty(string org, string property)
    {
        lock (_customProperties)
        {
            if (!_customProperties.TryGetValue(org, out var names)) _customProperties[org] = names = new(StringComparer.Ordinal);
            names.Add(property);
        }
        return this;
    }

    /// <summary>The value of an Actions secret as the emulator decrypted it with its private key, or null.</summary>
    public string? Secret(string owner, string name, string secret)
    {
        lock (_secrets) return _secrets.GetValueOrDefault($"{owner}/{name}/{secret}");
    }

    private async Task<bool> HandleActionsAsync(HttpContext context, string method, string[] parts, string[] scopes)
    {
        switch (method, parts)
        {
            case ("GET", ["repos", var owner, var name, "actions", "secrets", "public-key"]):
                if (!await HasRepoScopeAsync(context, scopes)) return true;
                if (Repo(owner, name) is null) await Error(context, 404, "Not Found");
                else
                {
                    var (keyId, keys) = ActionsKey(owner, name);
                    await JsonAnswers.WriteAsync(context, 200, new JsonObject { ["key_id"] = keyId, ["key"] = Convert.ToBase64String(keys.PublicKey) });
                }
                return true;
            case ("GET", ["repos", var owner, var name, "actions", "secrets", var secret]):
                // GitHub answers a secret's name and dates, never its value.
                bool known;
                (string Created, string Updated) dates;
                lock (_secretDates) known = _secretDates.TryGetValue($"{owner}/{name}/{secret}", out dates);
                if (!await HasRepoScopeAsync(context, scopes)) return true;
                if (!known) await Error(context, 404, "Not Found");
                else await JsonAnswers.WriteAsync(context, 200, new JsonObject { ["name"] = secret, ["created_at"] = dates.Created, ["updated_at"] = dates.Updated });
                return true;
            case ("PUT", ["repos", var owner, var name, "actions", "secrets", var secret]):
                await PutSecretAsync(context, owner, name, secret, scopes);
                return true;
            case ("PUT", ["repos", var owner, var name, "actions", "oidc", "customization", "sub"]):
                await PutOidcSubjectAsync(context, owner, name, scopes);
                return true;
            case ("PATCH", ["repos", var owner, var name, "properties", "values"]):
                await PatchCustomPropertiesAsync(context, owner, name, scopes);
                return true;
            default:
                return false;
        }
    }

    private async Task PutSecretAsync(HttpContext context, string owner, string name, string secret, string[] scopes)
    {
        var body = await JsonAnswers.ReadAsync(context);
        if (!await HasRepoScopeAsync(context, scopes)) return;
        if (Repo(owner, name) is null)
        {
            await Error(context, 404, "Not Found");
            return;
        }
        // GitHub's naming rules for secrets: letters, digits and underscores, not starting with a digit or GITHUB_.
        if (!Regex.IsMatch(secret, "^[A-Za-z_][A-Za-z0-9_]*$") || secret.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase))
        {
            await Error(context, 422, "Invalid request.\n\nSecret names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_), and must not start with a number or GITHUB_.");
            return;
        }
        var (keyId, keys) = ActionsKey(owner, name);
        if (body["key_id"]?.GetValue<string>() != keyId || body["encrypted_value"]?.GetValue<string>() is not { } sealedValue)
        {
            await Error(context, 422, "Invalid request.\n\n\"key_id\" and \"encrypted_value\" are required, with the key_id of the repository's public key.");
            return;
        }
        string value;
        try
        {
            value = Encoding.UTF8.GetString(SealedPublicKeyBox.Open(Convert.FromBase64String(sealedValue), keys.PrivateKey, keys.PublicKey));
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException)
        {
            await Error(context, 422, "Invalid request.\n\nencrypted_value is not a sealed box for the repository's public key.");
            return;
        }
        bool existed;
        lock (_secrets)
        {
            existed = _secrets.ContainsKey($"{owner}/{name}/{secret}");
            _secrets[$"{owner}/{name}/{secret}"] = value;
        }
        var now = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        lock (_secretDates) _secretDates[$"{owner}/{name}/{secret}"] = (_secretDates.TryGetValue($"{owner}/{name}/{secret}", out var was) ? was.Created : now, now);
        // 201 Created with an empty object when new, 204 when an existing secret was updated.
        await JsonAnswers.WriteAsync(context, existed ? 204 : 201, existed ? null : new JsonObject());
    }

    private async Task PutOidcSubjectAsync(HttpContext context, string owner, string name, string[] scopes)
    {
        var body = await JsonAnswers.ReadAsync(context);
        if (!await HasRepoScopeAsync(context, scopes)) return;
        if (Repo(owner, name) is null)
        {
            await Error(context, 404, "Not Found");
            return;
        }
        if (body["use_default"] is not JsonValue useDefault || !useDefault.TryGetValue<bool>(out var keepDefault))
        {
            await Error(context, 422, "Invalid request.\n\nNo subschema in \"anyOf\" matched.\n\"use_default\" wasn't supplied.");
            return;
        }
        if (!keepDefault && body["include_claim_keys"] is not JsonArray { Count: > 0 })
        {
            await Error(context, 422, "Invalid request.\n\n\"include_claim_keys\" wasn't supplied.");
            return;
        }
        Update(owner, name, r => r["emulator_oidc_sub"] = body.DeepClone());
        await JsonAnswers.WriteAsync(context, 201, new JsonObject());
    }

    private async Task PatchCustomPropertiesAsync(HttpContext context, string owner, string name, string[] scopes)
    {
        var body = await JsonAnswers.ReadAsync(context);
        if (!await HasRepoScopeAsync(context, scopes)) return;
        if (Repo(owner, name) is null)
        {
            await Error(context, 404, "Not Found");
            return;
        }
        HashSet<string>? defined;
        lock (_customProperties) defined = _customProperties.GetValueOrDefault(owner);
        if (body["properties"] is not JsonArray properties)
        {
            await Error(context, 422, "Invalid request.\n\n\"properties\" wasn't supplied.");
            return;
        }
        var unknown = properties.Select(p => p?["property_name"]?.GetValue<string>() ?? "").Where(p => defined is null || !defined.Contains(p)).ToList();
        if (unknown.Count > 0)
        {
            await JsonAnswers.WriteAsync(context, 422, new JsonObject
            {
                ["message"] = "Validation Failed",
                ["errors"] = new JsonArray([.. unknown.Select(p => (JsonNode)new JsonObject { ["resource"] = "CustomPropertyValue", ["field"] = "property_name", ["code"] = "invalid", ["message"] = $"Property {p} does not exist in the organization" })]),
                ["documentation_url"] = "https://docs.github.com/rest/repos/custom-properties#create-or-update-custom-property-values-for-a-repository",
                ["status"] = "422",
            });
            return;
        }
        Update(owner, name, r =>
        {
            var values = r["custom_properties"] as JsonObject ?? (JsonObject)(r["custom_properties"] = new JsonObject());
            foreach (var property in properties) values[property!["property_name"]!.GetValue<string>()] = property["value"]?.DeepClone();
        });
        await JsonAnswers.WriteAsync(context, 204, null);
    }

    /// <summary>Classic tokens need <c>repo</c> for secrets, the OIDC subject claim and custom property values.</summary>
    private static async Task<bool> HasRepoScopeAsync(HttpContext context, string[] scopes)
    {
        if (scopes.Contains("repo")) return true;
        context.Response.Headers["X-Accepted-OAuth-Scopes"] = "repo";
        await Error(context, 403, "Resource not accessible by personal access token");
        return false;
    }

    private (string KeyId, KeyPair Keys) ActionsKey(string owner, string name)
    {
        lock (_actionsKeys)
        {
            if (!_actionsKeys.TryGetValue($"{owner}/{name}", out var key))
                _actionsKeys[$"{owner}/{name}"] = key = ((3380204578043523366L + _actionsKeys.Count).ToString(CultureInfo.InvariantCulture), PublicKeyBox.GenerateKeyPair());
            return key;
        }
    }
}
