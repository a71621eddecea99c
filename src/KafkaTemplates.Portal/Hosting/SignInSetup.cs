using KafkaTemplates.Portal.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>The sign-in settings with their parsed role rules, for the access gate.</summary>
internal sealed record SignInServices(PortalSignIn Settings, AccessRoles Roles);

/// <summary>
/// Wires ASP.NET Core's own handlers: JwtBearer for API calls with a bearer token (keys from the issuer's discovery
/// document and JWKS, fetched again when a token names an unknown key), a cookie for the page's session, and
/// OpenIdConnect for the page's sign-in with the authorization code and PKCE. A request with
/// <c>Authorization: Bearer</c> is judged by its token alone, never by a cookie it may also carry.
/// </summary>
internal static class SignInSetup
{
    private const string Selector = "portal";
    public const string CookieName = "kafka-templates-session";

    public static void Add(IServiceCollection services, PortalSignIn signIn)
    {
        services.AddSingleton(new SignInServices(signIn, AccessRoles.Parse(signIn.Roles)));
        var authority = signIn.Issuer.ToString().TrimEnd('/');
        var httpsOnly = !PortalSignIn.IsLoopback(signIn.Issuer);
        var secureCookies = signIn.PublicUrl?.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = Selector;
            options.DefaultChallengeScheme = Selector;
        });
        authentication.AddPolicyScheme(Selector, null, options => options.ForwardDefaultSelector = context =>
            context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme);

        authentication.AddJwtBearer(options =>
        {
            options.Authority = authority;
            options.Audience = signIn.Audience;
            options.RequireHttpsMetadata = httpsOnly;
            options.MapInboundClaims = false;
            // The WWW-Authenticate header would otherwise say why a token failed (expired, bad signature, unknown key).
            options.IncludeErrorDetails = false;
            options.RefreshOnIssuerKeyNotFound = true;
            options.RefreshInterval = signIn.KeyRefreshInterval;
            options.TokenValidationParameters.ValidIssuer = authority;
            options.TokenValidationParameters.ValidIssuers = [authority, authority + "/"];
            options.TokenValidationParameters.ValidAudience = signIn.Audience;
            options.TokenValidationParameters.ValidateIssuer = true;
            options.TokenValidationParameters.ValidateAudience = true;
            options.TokenValidationParameters.ValidateLifetime = true;
            options.TokenValidationParameters.RequireExpirationTime = true;
            options.TokenValidationParameters.RequireSignedTokens = true;
            options.TokenValidationParameters.ClockSkew = signIn.ClockSkew;
            options.TokenValidationParameters.NameClaimType = signIn.UserClaim;
            options.TokenValidationParameters.RoleClaimType = signIn.GroupClaim;
        });
        services.AddSingleton(_ => new SignInKeyRotation(signIn, authority, httpsOnly));
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SignInKeyRotation>((options, rotation) =>
        {
            options.Events = new JwtBearerEvents { OnAuthenticationFailed = rotation.OnAuthenticationFailedAsync };
            options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, parameters) => rotation.SigningKeys(parameters);
        });

        authentication.AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = secureCookies;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // The access gate answers 401 and 403 itself; the cookie handler must never redirect an API call.
            options.Events.OnRedirectToLogin = context => AccessGate.RefuseAsync(context.HttpContext, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => AccessGate.RefuseAsync(context.HttpContext, StatusCodes.Status403Forbidden);
        });

        if (signIn.ClientId is null) return;
        authentication.AddOpenIdConnect(options =>
        {
            options.Authority = authority;
            options.RequireHttpsMetadata = httpsOnly;
            options.ClientId = signIn.ClientId;
            options.ClientSecret = signIn.ClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = true;
            options.SaveTokens = false;
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.ClaimActions.MapUniqueJsonKey(signIn.UserClaim, signIn.UserClaim);
            options.ClaimActions.MapJsonKey(signIn.GroupClaim, signIn.GroupClaim);
            options.TokenValidationParameters.NameClaimType = signIn.UserClaim;
            options.TokenValidationParameters.RoleClaimType = signIn.GroupClaim;
            options.TokenValidationParameters.ClockSkew = signIn.ClockSkew;
            options.RefreshInterval = signIn.KeyRefreshInterval;
            // The sign-in answer comes back as a top-level GET (response_mode=query), so Lax cookies reach it, on http
            // as on https; None would need Secure, which a loopback portal on plain http cannot set.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = secureCookies;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SecurePolicy = secureCookies;
            // A sign-in that fails at the issuer (consent refused, a stale callback) is a 401 like any other, not a 500.
            options.Events.OnRemoteFailure = context =>
            {
                context.HandleResponse();
                return AccessGate.RefuseAsync(context.HttpContext, StatusCodes.Status401Unauthorized);
            };
            if (signIn.PublicUrl is { } publicUrl)
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    context.ProtocolMessage.RedirectUri = new Uri(publicUrl, options.CallbackPath.Value).ToString();
                    return Task.CompletedTask;
                };
        });
    }

    /// <summary>Ends the page's session: the cookie goes; the issuer's own session is the issuer's.</summary>
    public static async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        context.Response.Redirect("/");
    }
}
