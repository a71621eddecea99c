using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Follows an issuer's key rotation within the request that first shows the new key. JwtBearer, meeting a token
/// signed with a key it does not know, only asks its configuration manager to refresh in the background, so that
/// request would fail; here the issuer's discovery document and JWKS are fetched at once and the same token is
/// validated again by the same handler with the fresh keys. From then on the fresh keys are the ones tokens are
/// checked with (<see cref="SigningKeys"/>), so a key the issuer retired is refused at once, not when the handler's
/// cache expires. Fetches are at most one per <see cref="PortalSignIn.KeyRefreshInterval"/>, so tokens with made-up
/// key ids cannot make the portal hammer the issuer.
/// </summary>
internal sealed class SignInKeyRotation(PortalSignIn signIn, string authority, bool requireHttps) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;
    private volatile ICollection<SecurityKey>? _keys;

    /// <summary>The keys to check a token with: the freshest fetched here, else those of the handler's configuration.</summary>
    public IEnumerable<SecurityKey> SigningKeys(TokenValidationParameters parameters) => _keys ?? parameters.IssuerSigningKeys ?? [];

    public async Task OnAuthenticationFailedAsync(AuthenticationFailedContext context)
    {
        if (context.Exception is not SecurityTokenSignatureKeyNotFoundException) return;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return;
        var keys = await FreshKeysAsync(context.HttpContext.RequestAborted);
        if (keys is null) return;

        var parameters = context.Options.TokenValidationParameters.Clone();
        parameters.ConfigurationManager = null;
        parameters.IssuerSigningKeyResolver = null;
        parameters.IssuerSigningKeys = keys;
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(header["Bearer ".Length..].Trim(), parameters);
        if (!result.IsValid) return;
        context.Principal = new ClaimsPrincipal(result.ClaimsIdentity);
        context.Success();
        // The handler's own cache catches up for the requests that follow.
        context.Options.ConfigurationManager?.RequestRefresh();
    }

    private async Task<ICollection<SecurityKey>?> FreshKeysAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (DateTimeOffset.UtcNow - _fetchedAt < signIn.KeyRefreshInterval) return _keys;
            _fetchedAt = DateTimeOffset.UtcNow;
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(
                    authority + "/.well-known/openid-configuration", new HttpDocumentRetriever { RequireHttps = requireHttps }, cancellationToken);
                _keys = configuration.SigningKeys;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or HttpRequestException)
            {
                // The issuer is unreachable: the token stays refused, and the keys known so far stay in use.
                return null;
            }
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
