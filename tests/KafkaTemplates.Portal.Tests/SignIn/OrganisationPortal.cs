using System.Net.Http.Headers;
using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Portal.Hosting;
using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>
/// A portal with sign-in on, against a real OpenID provider on loopback, serving the access fixtures (flaky-demo,
/// remote-demo). Its users are API clients whose tokens carry their groups: alice (team-a), bob (no group), admin
/// (platform), and brief (team-a, tokens that live 10 seconds: long enough to be used once on a loaded machine).
/// </summary>
internal sealed class OrganisationPortal : IAsyncDisposable
{
    public const string Audience = "urn:kafka-templates:portal";
    public const string FlakyRef = "template:default/flaky-demo", RemoteRef = "template:default/remote-demo";

    public static readonly OidcProvider.ApiClient Alice = new("alice", ["team-a"]), Bob = new("bob", []), Admin = new("admin", ["platform"]),
        Brief = new("brief", ["team-a"], TtlSeconds: 10);

    /// <summary>Everyone may look; team-a may run and manage its own tasks; platform may see and manage everyone's, and open upgrade requests.</summary>
    public static readonly string[] Roles =
        ["*=list-templates", "team-a=run:*,cancel,download", "platform=run:*,see-all-tasks,cancel-any,download-any,upgrade-repos"];

    public static readonly Dictionary<string, string[]> Accounts = new() { ["carol"] = ["team-a"] };

    private readonly List<HttpClient> _clients = [];

    private OrganisationPortal(OidcProvider provider, PortalServer server, FlakyAction flaky, RemoteAction remote)
    {
        Provider = provider;
        Server = server;
        Flaky = flaky;
        Remote = remote;
    }

    public OidcProvider Provider { get; }

    public PortalServer Server { get; }

    public FlakyAction Flaky { get; }

    public RemoteAction Remote { get; }

    public Uri Address => Server.Client.BaseAddress!;

    public static string AccessTemplates => RepoRoot.Combine("tests", "KafkaTemplates.Portal.Tests", "Fixtures", "access-templates");

    public static async Task<OrganisationPortal> StartAsync(TimeSpan? clockSkew = null, Uri? publicUrl = null)
    {
        var provider = await OidcProvider.StartAsync([Alice, Bob, Admin, Brief], Accounts);
        try
        {
            var flaky = new FlakyAction();
            var remote = new RemoteAction();
            var engine = new EngineServices(new ActionRegistry(ActionRegistry.CreateDefault().All.Append(flaky).Append(remote)));
            var server = await PortalServer.StartAsync(options => options with
            {
                Engine = engine,
                Catalog = new TemplateCatalog(AccessTemplates, engine.Loader),
                ValidateRepos = false,
                SignIn = new PortalSignIn
                {
                    Issuer = new Uri(provider.Issuer),
                    Audience = Audience,
                    ClientId = OidcProvider.WebClientId,
                    Roles = Roles,
                    ClockSkew = clockSkew ?? TimeSpan.FromSeconds(1),
                    // Tests rotate the issuer's key and expect the portal to follow at once.
                    KeyRefreshInterval = TimeSpan.FromSeconds(1),
                    PublicUrl = publicUrl,
                },
            });
            return new OrganisationPortal(provider, server, flaky, remote);
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the portal that sends <paramref name="token"/> as its bearer token.</summary>
    public HttpClient WithToken(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = Calls.Guard };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>A client signed in as <paramref name="user"/> with a fresh token from the provider.</summary>
    public async Task<HttpClient> AsAsync(OidcProvider.ApiClient user) => WithToken(await Provider.TokenAsync(user, Audience));

    public static JsonObject Values(string name) => new() { ["name"] = name };

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await Server.DisposeAsync();
        await Provider.DisposeAsync();
    }
}
