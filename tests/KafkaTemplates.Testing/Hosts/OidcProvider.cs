using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// A real OpenID provider on loopback: the npm package oidc-provider (9.x, which scripts/install-test-tools.sh puts in
/// .tools/oidc) run by node with oidc-provider.mjs. The portal's sign-in tests get their tokens from it with the
/// client_credentials grant, and Chromium signs in at its login page. Node binds a port the system chooses and says so
/// in a ready file once it answers, which is what starting waits for; a provider that does not come up fails with
/// node's output and exit code. It runs until disposed (SIGKILL, as a crash); <see cref="RestartWithNewKeyAsync"/>
/// brings it back on the same port with a new signing key, as a key rotation.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string WebClientId = "portal-web";

    private readonly TempFolder _folder;
    private readonly JsonObject _config;
    private CancellationTokenSource _stop = new();
    private Task<ToolResult> _running = Task.FromResult(new ToolResult(0, "", ""));
    private int _keyGeneration;

    /// <summary>Longest wait for node to answer; it takes a few seconds on a busy machine.</summary>
    private readonly TimeSpan _startGuard;

    private OidcProvider(TempFolder folder, JsonObject config, TimeSpan startGuard)
    {
        _folder = folder;
        _config = config;
        _startGuard = startGuard;
    }

    /// <summary>The issuer, as its tokens' <c>iss</c> spells it: <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>An API client and the groups its tokens carry; a token lives <paramref name="TtlSeconds"/>.</summary>
    public sealed record ApiClient(string Id, IReadOnlyList<string> Groups, int TtlSeconds = 600)
    {
        public string Secret => "test-secret-of-" + Id + "-0123456789abcdef";
    }

    /// <param name="accounts">Logins for the page's sign-in and the groups each gets.</param>
    /// <param name="signingKeyOf">Another provider whose signing key this one uses (same keys, another issuer).</param>
    /// <param name="startGuard">Longest wait for node to answer (a minute; node takes a few seconds on a busy machine).</param>
    public static async Task<OidcProvider> StartAsync(IEnumerable<ApiClient> clients, IReadOnlyDictionary<string, string[]>? accounts = null,
        OidcProvider? signingKeyOf = null, TimeSpan? startGuard = null)
    {
        var module = RepoRoot.Combine(".tools", "oidc", "node_modules", "oidc-provider", "lib", "index.js");
        if (!File.Exists(module))
            throw new InvalidOperationException("oidc-provider is not installed in .tools/oidc. Run ./test.sh (or scripts/install-test-tools.sh), which installs it.");
        var folder = new TempFolder("oidc");
        var config = new JsonObject
        {
            ["modulePath"] = module,
            // Node binds a port of the system's choosing: a port picked here could be taken before node got to it.
            ["port"] = 0,
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
        var provider = new OidcProvider(folder, config, startGuard ?? TimeSpan.FromMinutes(1));
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
        var readyFile = _folder.Combine("ready.json");
        File.Delete(readyFile);
        _config["readyFile"] = readyFile;
        await File.WriteAllTextAsync(configFile, _config.ToJsonString()).ConfigureAwait(false);
        _stop = new CancellationTokenSource();
        var script = RepoRoot.Combine("tests", "KafkaTemplates.Testing", "Hosts", "oidc-provider.mjs");
        _running = ProcessRunner.RunAsync(Tool.Find("node"), [script, configFile], timeout: TimeSpan.FromHours(1), cancellationToken: _stop.Token);
        // Waits on node's own word (the ready file, or its exit) off the test's synchronization context, so a test
        // runner busy with other classes cannot hold the wait back until the guard runs out.
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (!File.Exists(readyFile))
        {
            if (_running.IsCompleted)
            {
                var ended = await _running.ConfigureAwait(false);
                throw new InvalidOperationException($"the OpenID provider (node oidc-provider.mjs) ended after {started.Elapsed.TotalSeconds:0.0} s " +
                    $"before it wrote its ready file, {ended}");
            }
            if (started.Elapsed > _startGuard)
            {
                if (File.Exists(readyFile)) break;
                throw new InvalidOperationException($"the OpenID provider (node oidc-provider.mjs) did not write its ready file (the sign it " +
                    $"answers on 127.0.0.1) within {_startGuard.TotalSeconds:0} s; it was killed, {await KillForOutputAsync().ConfigureAwait(false)}");
            }
            await Task.WhenAny(_running, Task.Delay(20)).ConfigureAwait(false);
        }
        var ready = JsonNode.Parse(await File.ReadAllTextAsync(readyFile).ConfigureAwait(false))!;
        Issuer = ready["issuer"]!.GetValue<string>();
        // A restart keeps the issuer the portal trusts.
        _config["port"] = ready["port"]!.GetValue<int>();
    }

    /// <summary>Kills node and returns what it wrote and how it ended, for a failure message.</summary>
    private async Task<ToolResult> KillForOutputAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            return await _running.ConfigureAwait(false);
        }
        catch (ToolCanceledException e)
        {
            return e.Output;
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
