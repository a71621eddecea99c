namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Sign-in through an OpenID Connect issuer. With it, every API call carries a bearer token (JWT) from the issuer or
/// a session cookie the page got by signing in (authorization code with PKCE); the user's identity becomes the
/// task's <c>createdBy</c>, and <see cref="Roles"/> decide what each user may do. Without it the portal is a
/// single-user tool on loopback.
/// </summary>
public sealed record PortalSignIn
{
    /// <summary>The environment variable that holds the client secret: a secret never goes on a command line.</summary>
    public const string ClientSecretVariable = "KAFKA_TEMPLATES_OIDC_CLIENT_SECRET";

    /// <summary>The issuer URL; its <c>/.well-known/openid-configuration</c> names the JWKS the tokens are checked with.</summary>
    public required Uri Issuer { get; init; }

    /// <summary>The audience every bearer token must carry (<c>aud</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The client the page signs in as. Null: the page cannot sign in, and only bearer tokens are accepted.</summary>
    public string? ClientId { get; init; }

    /// <summary>The confidential client's secret; null for a public client (PKCE alone).</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The claim that names the user; a plain value <c>v</c> becomes <c>user:default/v</c>, an entity ref stays as it is.</summary>
    public string UserClaim { get; init; } = "sub";

    /// <summary>The claim listing the user's groups, which <see cref="Roles"/> match.</summary>
    public string GroupClaim { get; init; } = "groups";

    /// <summary>What each group may do; <c>*</c> is every signed-in user. See <see cref="Access.AccessRoles"/>.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Tolerated difference between the issuer's clock and this one when checking expiry.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The least time between two fetches of the issuer's keys when a token names a key the portal does not know
    /// (the issuer rotated its keys). Short enough to follow a rotation at once, long enough that forged key ids
    /// cannot make the portal hammer the issuer.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The portal's address as browsers reach it (the proxy's https URL); null: taken from each request.</summary>
    public Uri? PublicUrl { get; init; }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));

    internal IEnumerable<string> Problems()
    {
        if (!Issuer.IsAbsoluteUri || (Issuer.Scheme != Uri.UriSchemeHttps && !(Issuer.Scheme == Uri.UriSchemeHttp && IsLoopback(Issuer))))
            yield return $"the OpenID issuer '{Issuer}' must be an https URL (plain http only on loopback, for testing)";
        if (string.IsNullOrWhiteSpace(Audience)) yield return "give the audience the portal's tokens carry";
        if (string.IsNullOrWhiteSpace(UserClaim)) yield return "give the claim that names the user";
        if (string.IsNullOrWhiteSpace(GroupClaim)) yield return "give the claim that lists the user's groups";
        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5)) yield return $"the clock skew must be 0-300 seconds, not {ClockSkew.TotalSeconds}";
        if (KeyRefreshInterval < TimeSpan.FromSeconds(1) || KeyRefreshInterval > TimeSpan.FromHours(1))
            yield return $"the key refresh interval must be 1-3600 seconds, not {KeyRefreshInterval.TotalSeconds}";
        if (PublicUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/" || url.Query.Length > 0))
            yield return $"the public URL '{url}' must be a scheme, host and optional port, such as https://portal.example.com";
        if (ClientSecret is not null && ClientId is null) yield return $"{ClientSecretVariable} is set but no client id is given";
        string? roleProblem = null;
        try
        {
            Access.AccessRoles.Parse(Roles);
        }
        catch (FormatException e)
        {
            roleProblem = e.Message;
        }
        if (roleProblem is not null) yield return roleProblem;
    }
}
