using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// A person opens the portal in headless Chromium, is sent to the issuer's login page, signs in there with the
/// authorization code flow and PKCE, comes back to the page with a session, and creates a task as themselves.
/// </summary>
public sealed class SignInBrowserTests
{
    static SignInBrowserTests() => SetDefaultExpectTimeout((float)Calls.Guard.TotalMilliseconds);

    [Fact]
    public async Task Opening_the_page_signs_in_at_the_issuer_with_code_and_pkce_and_tasks_made_from_the_page_carry_the_person()
    {
        await using var portal = await OrganisationPortal.StartAsync();
        portal.Flaky.Heal();
        using var downloads = new TempFolder("downloads");
        await using var browser = await Browser.LaunchAsync(downloads.Path);
        // Nothing leaves the machine: the issuer's login page asks for a web font, which is refused here.
        await browser.Context.RouteAsync("**/*", route =>
            new Uri(route.Request.Url).IsLoopback ? route.ContinueAsync() : route.AbortAsync());
        var page = await browser.NewPageAsync();
        var authorizations = new List<Uri>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(portal.Provider.Issuer + "/auth?", StringComparison.Ordinal)) authorizations.Add(new Uri(request.Url));
        };

        await page.GotoAsync(portal.Address.ToString());
        await page.Locator("input[name=login]").FillAsync("carol");
        await page.Locator("input[name=password]").FillAsync("anything");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign-in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use Flaky demo" })).ToBeVisibleAsync();
        await Expect(page.Locator("#signed-in-as")).ToHaveTextAsync("Signed in as user:default/carol");
        Assert.Equal(portal.Address, new Uri(page.Url));
        // The portal pushes its authorization request (PAR) to the issuer, code_challenge and all, so the browser
        // only carries a request_uri; the issuer refuses any code flow without S256 PKCE (shown below), so getting
        // here proves the portal used it.
        var authorization = QueryHelpers.ParseQuery(Assert.Single(authorizations).Query);
        Assert.StartsWith("urn:ietf:params:oauth:request_uri:", authorization["request_uri"].ToString(), StringComparison.Ordinal);
        Assert.Equal(KafkaTemplates.Testing.Hosts.OidcProvider.WebClientId, authorization["client_id"].ToString());
        Assert.False(authorization.ContainsKey("code_challenge"));
        using (var direct = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }))
        {
            var withoutPkce = await direct.GetAsync(portal.Provider.Issuer + "/auth?client_id=portal-web&response_type=code&scope=openid" +
                "&redirect_uri=" + Uri.EscapeDataString(new Uri(portal.Address, "/signin-oidc").ToString()));
            var refusal = QueryHelpers.ParseQuery(withoutPkce.Headers.Location?.Query ?? "");
            Assert.Equal("invalid_request", refusal["error"].ToString());
            Assert.Contains("PKCE", refusal["error_description"].ToString(), StringComparison.Ordinal);
        }
        var session = Assert.Single(await browser.Context.CookiesAsync([portal.Address.ToString()]), c => c.Name == "kafka-templates-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        var me = await page.EvaluateAsync<string>("fetch('/api/kafka-templates/me').then(r => r.json()).then(b => b.userEntityRef)");
        Assert.Equal("user:default/carol", me);
        var created = await page.EvaluateAsync<JsonElement>("""
            fetch('/api/scaffolder/v2/tasks', {
              method: 'POST',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ templateRef: 'template:default/flaky-demo', values: { name: 'carols' }, createdBy: 'user:default/someone-else' }),
            }).then(async r => ({ status: r.status, body: await r.json() }))
            """);
        Assert.Equal(201, created.GetProperty("status").GetInt32());
        var id = Guid.Parse(created.GetProperty("body").GetProperty("id").GetString()!);
        var admin = await portal.AsAsync(OrganisationPortal.Admin);
        Assert.Equal("user:default/carol", JsonShape.String(await Calls.TaskAsync(admin, id), "createdBy"));

        // Signing out (the page's button posts to /signout) ends the portal's session: the API answers 401 again.
        // The issuer's own session is the issuer's, so opening the page again would sign the person straight back in.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        var status = await page.EvaluateAsync<int>("fetch('/signout', { method: 'POST', redirect: 'manual' }).then(() => fetch('/api/kafka-templates/me')).then(r => r.status)");
        Assert.Equal(401, status);
    }
}
