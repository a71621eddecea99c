using System.Text.Json.Nodes;
using Octokit;
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
            var key = await github.CallAsync("read the repository's Actions public key (to encrypt its secrets)",
                c => c.Repository.Actions.Secrets.GetPublicKey(owner, name), log, cancellationToken);
            var publicKey = Convert.FromBase64String(key.Key);
            foreach (var (secret, value) in request.Secrets)
            {
                var sealedValue = Convert.ToBase64String(SealedPublicKeyBox.Create(System.Text.Encoding.UTF8.GetBytes(value), publicKey));
                // Only the PUT, as Backstage's createOrUpdateRepoSecret: Octokit's CreateOrUpdate reads the secret back after it.
                await RefusalNamedAsync(github, $"the Actions secret {secret}", () => github.CallAsync($"set the Actions secret {secret}", async c =>
                {
                    await new ApiConnection(c.Connection).Put(new Uri($"{repoPath}/actions/secrets/{Uri.EscapeDataString(secret)}", UriKind.Relative),
                        new UpsertRepositorySecret { EncryptedValue = sealedValue, KeyId = key.KeyId });
                    return true;
                }, log, cancellationToken));
                log($"set the Actions secret {secret}");
            }
        }
        if (request.OidcCustomization is { } oidc)
        {
            // PUT /repos/{owner}/{repo}/actions/oidc/customization/sub, as Backstage sends it: use_default and include_claim_keys.
            var body = new JsonObject { ["use_default"] = oidc.UseDefault };
            if (oidc.IncludeClaimKeys is { } keys) body["include_claim_keys"] = new JsonArray([.. keys.Select(k => (JsonNode)k)]);
            await RefusalNamedAsync(github, "input 'oidcCustomization'", () => github.CallAsync("customize the OIDC subject claim", async c =>
            {
                await new ApiConnection(c.Connection).Put<object>(new Uri(repoPath + "/actions/oidc/customization/sub", UriKind.Relative), (object)body.ToJsonString());
                return true;
            }, log, cancellationToken));
            log(oidc.UseDefault ? "kept GitHub's default OIDC subject claim" : $"customized the OIDC subject claim ({string.Join(", ", oidc.IncludeClaimKeys ?? [])})");
        }
        if (request.CustomProperties.Count > 0)
        {
            var properties = new JsonArray([.. request.CustomProperties.Select(p => (JsonNode)new JsonObject { ["property_name"] = p.Key, ["value"] = p.Value?.DeepClone() })]);
            var body = new JsonObject { ["properties"] = properties }.ToJsonString();
            await RefusalNamedAsync(github, "input 'customProperties'", () => github.CallAsync("set the repository's custom properties", async c =>
            {
                await new ApiConnection(c.Connection).Patch(new Uri(repoPath + "/properties/values", UriKind.Relative), (object)body);
                return true;
            }, log, cancellationToken));
            log($"set the custom properties {string.Join(", ", request.CustomProperties.Select(p => p.Key))}");
        }
    }

    /// <summary>
    /// GitHub's 4xx answer (a bad secret name, a claim key or property it does not know) as a message naming the input.
    /// GitHub's own message is kept: it never echoes a secret's value, which only travels sealed.
    /// </summary>
    private static async Task RefusalNamedAsync<T>(GitHubConnection github, string what, Func<Task<T>> call)
    {
        try
        {
            await call();
        }
        catch (ApiException e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            var details = e is ApiValidationException { ApiError.Errors: { Count: > 0 } errors } ? ": " + string.Join("; ", errors.Select(x => x.Message)) : "";
            throw new PublishException($"GitHub at {github.Host.Host} refused {what} ({(int)e.StatusCode} {e.Message.Split('\n')[0]}{details}); fix it in the template", e);
        }
    }
}

/// <summary>oidcCustomization: keep GitHub's default subject claim, or build it from the listed claim keys.</summary>
internal sealed record GitHubOidcCustomization(bool UseDefault, IReadOnlyList<string>? IncludeClaimKeys);
