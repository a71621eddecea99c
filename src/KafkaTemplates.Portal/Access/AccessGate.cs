using KafkaTemplates.Portal.Api;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KafkaTemplates.Portal.Access;

/// <summary>
/// Decides, after routing and before the endpoint runs, whether the caller may make the call: open (health, the
/// page's script and style), any signed-in user, a permission, or a permission on the task the route names. A caller
/// without a valid identity gets 401 (the page is sent to sign in instead), one without the right gets 403; neither
/// answer says more. Creating a task checks the template in the endpoint, which is where the body is read.
/// </summary>
internal static class AccessGate
{
    private const string UserKey = "KafkaTemplates.Portal.User";

    private enum Need { Open, Page, SignedIn, ListTemplates, SeeTask, CancelTask, DownloadTask, RetryTask, UpgradeRepos }

    private static readonly Dictionary<string, Need> Rules = new(StringComparer.Ordinal)
    {
        ["/healthz"] = Need.Open,
        ["/readyz"] = Need.Open,
        ["/app.js"] = Need.Open,
        ["/app.css"] = Need.Open,
        ["/"] = Need.Page,
        ["/api/kafka-templates/templates"] = Need.ListTemplates,
        ["/api/kafka-templates/validate-parameters"] = Need.ListTemplates,
        ["/api/kafka-templates/me"] = Need.SignedIn,
        ["/api/kafka-templates/upgrade-pull-requests"] = Need.UpgradeRepos,
        ["/signout"] = Need.SignedIn,
        ["/api/catalog/entities/by-name/{kind}/{namespace}/{name}"] = Need.ListTemplates,
        ["/api/scaffolder/v2/templates/{namespace}/{kind}/{name}/parameter-schema"] = Need.ListTemplates,
        ["/api/scaffolder/v2/actions"] = Need.ListTemplates,
        ["/api/scaffolder/v2/templating-extensions"] = Need.ListTemplates,
        ["/api/scaffolder/v2/autocomplete/{provider}/{resource}"] = Need.ListTemplates,
        ["/api/scaffolder/v2/dry-run"] = Need.ListTemplates,
        ["/api/scaffolder/v2/tasks"] = Need.SignedIn,
        ["/api/scaffolder/v2/tasks/{id}"] = Need.SeeTask,
        ["/api/scaffolder/v2/tasks/{id}/events"] = Need.SeeTask,
        ["/api/scaffolder/v2/tasks/{id}/eventstream"] = Need.SeeTask,
        ["/api/scaffolder/v2/tasks/{id}/cancel"] = Need.CancelTask,
        ["/api/scaffolder/v2/tasks/{id}/download"] = Need.DownloadTask,
        ["/api/scaffolder/v2/tasks/{id}/retry"] = Need.RetryTask,
    };

    /// <summary>The caller; <see cref="PortalUser.Local"/> on a portal without sign-in.</summary>
    public static PortalUser UserOf(HttpContext context) =>
        context.Items.TryGetValue(UserKey, out var user) && user is PortalUser known ? known : PortalUser.Local;

    public static async Task CheckAsync(HttpContext context, Func<Task> next, SignInServices signIn, ITaskStore store)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        // Unknown paths need a signed-in caller too, so a 404 tells a stranger nothing about what exists.
        var need = pattern is not null && Rules.TryGetValue(pattern, out var rule) ? rule : Need.SignedIn;
        if (need == Need.Open)
        {
            await next();
            return;
        }
        var user = PortalUser.From(context.User, signIn.Settings.UserClaim, signIn.Settings.GroupClaim, signIn.Roles);
        if (user is null)
        {
            if (need == Need.Page && signIn.Settings.ClientId is not null)
                await context.ChallengeAsync(OpenIdConnectDefaults.AuthenticationScheme, new AuthenticationProperties { RedirectUri = "/" });
            else
                await RefuseAsync(context, StatusCodes.Status401Unauthorized);
            return;
        }
        context.Items[UserKey] = user;
        if (!Allowed(need, user, context, store))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden);
            return;
        }
        await next();
    }

    private static bool Allowed(Need need, PortalUser user, HttpContext context, ITaskStore store)
    {
        if (need is Need.Page or Need.SignedIn) return true;
        if (need == Need.ListTemplates) return user.May(AccessRoles.ListTemplates);
        // The portal's tokens act on the organisation's repositories: only a role that says so may use them.
        if (need == Need.UpgradeRepos) return user.May(AccessRoles.UpgradeRepos);
        // A malformed or unknown id is the endpoint's 404 to give.
        if (!Guid.TryParseExact(context.GetRouteValue("id") as string, "D", out var id) || store.Get(id) is not { } task) return true;
        return need switch
        {
            Need.SeeTask => user.MaySee(task),
            Need.CancelTask => user.MayCancel(task),
            Need.DownloadTask => user.MayDownload(task),
            Need.RetryTask => user.Owns(task) && user.MayRun(TemplateOf(task)),
            _ => false,
        };
    }

    private static string TemplateOf(TaskRecord task) =>
        Catalog.EntityRef.TryParse(task.Spec["templateInfo"]?["entityRef"]?.GetValue<string>(), out var reference) ? reference.Name : "";

    /// <summary>The 403 an endpoint throws when the check needs what only it has read (the template of a new task).</summary>
    public static ApiException Forbidden() => new(StatusCodes.Status403Forbidden, "NotAllowedError", "not allowed");

    /// <summary>401 or 403 with Backstage's error body and nothing that helps an attacker.</summary>
    public static async Task RefuseAsync(HttpContext context, int status)
    {
        // Set as the answer starts: writing the error body clears the headers set before it.
        if (status == StatusCodes.Status401Unauthorized)
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return Task.CompletedTask;
            });
        await ErrorResponses.WriteAsync(context, status,
            status == StatusCodes.Status401Unauthorized ? "AuthenticationError" : "NotAllowedError",
            status == StatusCodes.Status401Unauthorized ? "authentication required" : "not allowed");
    }
}
