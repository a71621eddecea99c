using System.Globalization;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// An in-process Backstage catalog backend's location API: <c>POST /api/catalog/locations</c> (201 with the
/// location, 409 ConflictError when the target is registered, 400 InputError for a bad body, 401 without the token)
/// and its <c>?dryRun=true</c> form, which reads the target and answers with its entities. Errors are Backstage's
/// serialized errors (<c>error.name</c>, <c>error.message</c>, <c>request</c>, <c>response.statusCode</c>); a dry run lists
/// the location's generated Location entity before the entities it holds, as a real catalog backend answered. The target
/// is read through <see cref="Reader"/>, which a test connects to the emulated git host.
/// </summary>
public sealed class CatalogEmulator : IAsyncDisposable
{
    public const string Token = "catalog-emulated-token";

    private readonly List<JsonObject> _locations = [];
    private LoopbackServer _server = null!;

    private CatalogEmulator(Func<string, Task<string?>> reader) => Reader = reader;

    public Uri Address => _server.Address;

    /// <summary>Reads a registered URL's text, or null when nothing is there.</summary>
    public Func<string, Task<string?>> Reader { get; }

    public HostFaults Faults { get; } = new();

    public IReadOnlyList<JsonObject> Locations
    {
        get
        {
            lock (_locations) return [.. _locations.Select(l => l.DeepClone().AsObject())];
        }
    }

    public static async Task<CatalogEmulator> StartAsync(Func<string, Task<string?>> reader)
    {
        var emulator = new CatalogEmulator(reader);
        emulator._server = await LoopbackServer.StartAsync(emulator.HandleAsync);
        return emulator;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (Faults.Take(request.Method, request.Path.Value ?? "") is { } fault)
        {
            await Error(context, fault.Status, fault.Status >= 500 ? "ServiceUnavailableError" : "Error", "emulated failure");
            return;
        }
        if (request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await Error(context, 401, "AuthenticationError", "Missing credentials");
            return;
        }
        if (request.Method != "POST" || request.Path.Value != "/api/catalog/locations")
        {
            await Error(context, 404, "NotFoundError", $"No route for {request.Method} {request.Path}");
            return;
        }
        var body = await JsonAnswers.ReadAsync(context);
        if (body["type"]?.GetValue<string>() is not "url" || body["target"]?.GetValue<string>() is not { Length: > 0 } target)
        {
            await Error(context, 400, "InputError", "Malformed location: type must be url and target must be a URL");
            return;
        }
        var dryRun = request.Query["dryRun"] == "true";
        JsonObject? existing;
        lock (_locations) existing = _locations.FirstOrDefault(l => l["target"]!.GetValue<string>() == target);
        if (!dryRun && existing is not null)
        {
            await Error(context, 409, "ConflictError", $"Location url:{target} already exists");
            return;
        }
        var location = existing ?? new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "url", ["target"] = target };
        var entities = new JsonArray();
        if (dryRun)
        {
            if (await Reader(target) is not { } text)
            {
                await Error(context, 400, "InputError", $"Unable to read url, NotFoundError: {target} could not be read");
                return;
            }
            // As the real backend answers a dry run: the location's own generated Location entity first, then what it holds.
            // Backstage names it from a SHA-1 of the location; only the generated- prefix and its stability matter here.
            var generated = "generated-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("url:" + target)))[..40];
            entities.Add(new JsonObject
            {
                ["apiVersion"] = "backstage.io/v1alpha1",
                ["kind"] = "Location",
                ["metadata"] = new JsonObject { ["name"] = generated, ["namespace"] = "default" },
                ["spec"] = new JsonObject { ["type"] = "url", ["target"] = target },
            });
            entities.Add(YamlReader.Read(text, "catalog-info.yaml").Root?.DeepClone());
        }
        else
        {
            lock (_locations) _locations.Add(location);
        }
        await JsonAnswers.WriteAsync(context, 201, new JsonObject { ["location"] = location.DeepClone(), ["entities"] = entities, ["exists"] = existing is not null });
    }

    private static Task Error(HttpContext context, int status, string name, string message) => JsonAnswers.WriteAsync(context, status, new JsonObject
    {
        ["error"] = new JsonObject { ["name"] = name, ["message"] = message },
        ["request"] = new JsonObject { ["method"] = context.Request.Method, ["url"] = context.Request.Path.Value + context.Request.QueryString },
        ["response"] = new JsonObject { ["statusCode"] = status.ToString(CultureInfo.InvariantCulture) is var s ? int.Parse(s, CultureInfo.InvariantCulture) : status },
    });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
