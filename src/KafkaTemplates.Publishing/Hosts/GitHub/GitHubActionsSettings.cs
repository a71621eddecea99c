using System.Text.Json.Nodes;
using Sodium;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// What publish:github sets after the repository's variables, in Backstage's order: Actions secrets (each value sealed
/// to the repository's public key, as GitHub only takes them encrypted), the OIDC subject claim customization, then the
/// custom property values. A secret's value never reaches a log line or an error: only its name does.
/// </summary>
internal static class GitHubActionsSettings
{
    public static async Task ApplyAsync(GitHubConnection github, GitHubRepoRequest request, Action<string> log, CancellationToken cancellationToken)
    {
        var (owner, name) = (request.Repo.Owner, request.Repo.Repo);
        var repoPath = $"repos/{Uri.EscapeDataString(owner)}/{Uri.EscapeDataString(name)}";
        if (request.Secrets.Count > 0)
        {
            const string readKey = "read the repository's Actions public key (to encrypt its secrets)";
            var key = await github.SendAsync(HttpMethod.Get, repoPath + "/actions/secrets/public-key", null, readKey, log, cancellationToken);
            var (keyId, publicKey) = (github.Field(key, "key_id", readKey), Convert.FromBase64String(github.Field(key, "key", readKey)));
            foreach (var (secret, value) in request.Secrets)
            {
                var sealedValue = Convert.ToBase64String(SealedPublicKeyBox.Create(System.Text.Encoding.UTF8.GetBytes(value), publicKey));
                // Only the PUT, as Backstage's createOrUpdateRepoSecret: the secret is not read back after it.
                await RefusalNamedAsync(github, $"the Actions secret {secret}", () => github.SendAsync(HttpMethod.Put,
                    $"{repoPath}/actions/secrets/{Uri.EscapeDataString(secret)}", new JsonObject { ["encrypted_value"] = sealedValue, ["key_id"] = keyId },
                    $"set the Actions secret {secret}", log, cancellationToken));
                log($"set the Actions secret {secret}");
            }
        }
        if (request.OidcCustomization is { } oidc)
        {
            // PUT /repos/{owner}/{repo}/actions/oidc/customization/sub, as Backstage sends it: use_default and include_claim_keys.
            var body = new JsonObject { ["use_default"] = oidc.UseDefault };
            if (oidc.IncludeClaimKeys is { } keys) body["include_claim_keys"] = new JsonArray([.. keys.Select(k => JsonValue.Create(k))]);
            await RefusalNamedAsync(github, "input 'oidcCustomization'", () => github.SendAsync(HttpMethod.Put, repoPath + "/actions/oidc/customization/sub", body,
                "customize the OIDC subject claim", log, cancellationToken));
            log(oidc.UseDefault ? "kept GitHub's default OIDC subject claim" : $"customized the OIDC subject claim ({string.Join(", ", oidc.IncludeClaimKeys ?? [])})");
        }
        if (request.CustomProperties.Count > 0)
        {
            var properties = new JsonArray([.. request.CustomProperties.Select(p => (JsonNode)new JsonObject { ["property_name"] = p.Key, ["value"] = p.Value?.DeepClone() })]);
            await RefusalNamedAsync(github, "input 'customProperties'", () => github.SendAsync(HttpMethod.Patch, repoPath + "/properties/values",
                new JsonObject { ["properties"] = properties }, "set the repository's custom properties", log, cancellationToken));
            log($"set the custom properties {string.Join(", ", request.CustomProperties.Select(p => p.Key))}");
        }
    }

    /// <summary>
    /// GitHub's 4xx answer (a bad secret name, a claim key or property it does not know) as a message naming the input.
    /// GitHub's own message is kept: it never echoes a secret's value, which only travels sealed.
    /// </summary>
    private static async Task RefusalNamedAsync(GitHubConnection github, string what, Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (GitHubAnswer a) when (a.Status is >= 400 and < 500)
        {
            var details = a.Errors is { Count: > 0 } errors ? ": " + string.Join("; ", errors) : "";
            throw new PublishException($"{github.Name} refused {what} ({a.Status} {a.Headline}{details}); fix it in the template", a);
        }
    }
}

/// <summary>oidcCustomization: keep GitHub's default subject claim, or build it from the listed claim keys.</summary>
internal sealed record GitHubOidcCustomization(bool UseDefault, IReadOnlyList<string>? IncludeClaimKeys);
