using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// A real OpenID provider on loopback: the npm package oidc-provider (9.x, which scripts/install-test-tools.sh puts in
/// .tools/oidc) run by node with oidc-provider.mjs. The portal's sign-in tests get their tokens from it with the
/// client_credentials grant, and Chromium signs in at its login page. It runs until disposed (SIGKILL, as a crash);
/// <see cref="RestartWithNewKeyAsync"/> brings it back on the same port with a new signing key, as a key rotation.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string WebClientId = "portal-web";

    private readonly TempFolder _folder;
    private readonly JsonObject _config;
    private CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _keyGeneration;

    private OidcProvider(TempFolder folder, JsonObject config)
    {
        _folder = folder;
        _config = config;
        Issuer = config["issuer"]!.GetValue<string>();
    }

    /// <summary>The issuer, as its tokens' <c>iss</c> spells it: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; }

    /// <summary>An API client and the groups its tokens carry; a token lives <paramref name="TtlSeconds"/>.</summary>
    public sealed record ApiClient(string Id, IReadOnlyList<string> Groups, int TtlSeconds = 600)
    {
        public string Secret => "test-secret-of-" + Id + "-0123456789abcdef";
    }

    /// <param name="accounts">Logins for the page's sign-in and the groups each gets.</param>
    /// <param name="signingKeyOf">Another provider whose signing key this one uses (same keys, another issuer).</param>
    public static async Task<OidcProvider> StartAsync(IEnumerable<ApiClient> clients, IReadOnlyDictionary<string, string[]>? accounts = null,
        OidcProvider? signingKeyOf = null)
    {
        var module = RepoRoot.Combine(".tools", "oidc", "node_modules", "oidc-provider", "lib", "index.js");
        if (!File.Exists(module))
            throw new InvalidOperationException("oidc-provider is not installed in .tools/oidc. Run ./test.sh (or scripts/install-test-tools.sh), which installs it.");
        var folder = new TempFolder("oidc");
        var port = LoopbackServer.ClosedPort();
        var config = new JsonObject
        {
            ["modulePath"] = module,
            ["port"] = port,
            ["issuer"] = $"http://127.0.0.1:{port}",
            ["keysFile"] = signingKeyOf?.KeysFile ?? folder.Combine("keys-0.json"),
            ["webClientId"] = WebClientId,
            ["apiClients"] = new JsonArray([.. clients.Select(c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["secret"] = c.Secret,
                ["groups"] = new JsonArray([.. c.Groups.Select(g => (JsonNode?)g)]),
                ["ttlSeconds"] = c.TtlSeconds,
            })]),
            ["accounts"] = new JsonObject([.. (accounts ?? new Dictionary<string, string[]>()).Select(a =>
                KeyValuePair.Create(a.Key, (JsonNode?)new JsonArray([.. a.Value.Select(g => (JsonNode?)g)])))]),
        };
        var provider = new OidcProvider(folder, config);
        try
        {
            await provider.RunAsync();
            return provider;
        }
        catch
        {
            await provider.DisposeAsync();
            throw;
        }
    }

    private string KeysFile => _config["keysFile"]!.GetValue<string>();

    /// <summary>Kills the provider and starts it again on the same port with a new signing key (the old one is gone).</summary>
    public async Task RestartWithNewKeyAsync()
    {
        await StopAsync();
        _config["keysFile"] = _folder.Combine($"keys-{++_keyGeneration}.json");
        await RunAsync();
    }

    private async Task RunAsync()
    {
        var configFile = _folder.Combine("config.json");
        await File.WriteAllTextAsync(configFile, _config.ToJsonString());
        _stop = new CancellationTokenSource();
        var script = RepoRoot.Combine("tests", "KafkaTemplates.Testing", "Hosts", "oidc-provider.mjs");
        _running = ProcessRunner.RunAsync(Tool.Find("node"), [script, configFile], timeout: TimeSpan.FromHours(1), cancellationToken: _stop.Token);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (_running.IsCompleted)
            {
                await _running; // surfaces why node ended
                throw new InvalidOperationException("the OpenID provider ended before it answered");
            }
            try
            {
                using var response = await client.GetAsync(Issuer + "/.well-known/openid-configuration", guard.Token);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50, guard.Token);
        }
    }

    /// <summary>A JWT access token for the client (client_credentials), for the audience <paramref name="resource"/>.</summary>
    public async Task<string> TokenAsync(ApiClient client, string resource)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, Issuer + "/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["resource"] = resource }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the provider refused a token for {client.Id}: {body}");
        return JsonNode.Parse(body)!["access_token"]!.GetValue<string>();
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Killed, as asked.
        }
        _stop.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _folder.Dispose();
    }
}
