using System.Text;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>
/// Secrets are used for the run and then gone: masked in every log line, absent from the task, the database file
/// (and its journal), the repos folder and the server's own log. The fixture template prints its secret on purpose.
/// </summary>
public sealed class SecretTests
{
    private const string SecretRef = "template:default/secret-demo";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_secret_never_reaches_the_database_the_data_folder_or_any_log(bool inSecrets)
    {
        var secret = "tok-" + Guid.NewGuid().ToString("N");
        var values = new JsonObject { ["name"] = "vault" };
        var secrets = new JsonObject();
        // Backstage sends a Secret field in `secrets` and a password widget in `values`; both are secret answers.
        if (inSecrets) secrets["apiToken"] = secret;
        else values["apiToken"] = secret;
        using var data = new TempFolder("secrets");
        var dataFolder = data.Path;
        List<string> serverLog;
        await using (var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction()), dataFolder))
        {
            var dryRun = await Calls.PostAsync(server.Client, "/api/scaffolder/v2/dry-run", new JsonObject
            {
                ["template"] = (await Calls.GetAsync(server.Client, "/api/catalog/entities/by-name/template/default/secret-demo")).Body,
                ["values"] = values.DeepClone(),
                ["secrets"] = secrets.DeepClone(),
                ["directoryContents"] = new JsonArray(),
            });
            Assert.Equal(HttpStatusCode.OK, dryRun.Status);
            Assert.DoesNotContain(secret, dryRun.Body!["log"]!.ToJsonString(), StringComparison.Ordinal);
            Assert.Contains(dryRun.Body["log"]!.AsArray(), l => l!["body"]!["message"]!.GetValue<string>() == "rendering vault with token ***");

            var id = await Calls.CreateTaskAsync(server.Client, SecretRef, values, secrets);
            var events = await Calls.EventsUntilCompletionAsync(server.Client, id);
            var task = await Calls.TaskAsync(server.Client, id);

            Assert.Equal("completed", task["status"]!.GetValue<string>());
            Assert.Contains(events, e => e["body"]!["message"]!.GetValue<string>() == "rendering vault with token ***");
            Assert.DoesNotContain(secret, string.Concat(events.Select(e => e.ToJsonString())), StringComparison.Ordinal);
            // Values derived from the secret by filters are masked as well (upper, replace).
            Assert.DoesNotContain(secret.ToUpperInvariant(), string.Concat(events.Select(e => e.ToJsonString())), StringComparison.Ordinal);
            Assert.DoesNotContain(secret["tok-".Length..], string.Concat(events.Select(e => e.ToJsonString())), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret["tok-".Length..], dryRun.Body!["log"]!.ToJsonString(), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, task.ToJsonString(), StringComparison.Ordinal);
            Assert.False(task["spec"]!["parameters"]!.AsObject().ContainsKey("apiToken"));
            serverLog = [.. server.Logs.Lines];
            // While it runs (the write-ahead journal is live), every file but the lock the server holds exclusively.
            Assert.DoesNotContain(secret, string.Concat(EveryFile(dataFolder).Where(f => Path.GetFileName(f) != "portal.lock").Select(ReadLatin1)), StringComparison.Ordinal);
            Assert.DoesNotContain(secret["tok-".Length..], string.Concat(EveryFile(dataFolder).Where(f => Path.GetFileName(f) != "portal.lock").Select(ReadLatin1)), StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotEmpty(serverLog);
        Assert.DoesNotContain(serverLog, line => line.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(EveryFile(dataFolder), f => Path.GetFileName(f) == "portal.db");
        Assert.DoesNotContain(secret, string.Concat(EveryFile(dataFolder).Select(ReadLatin1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_for_a_parameter_that_is_not_secret_is_refused()
    {
        await using var server = await PortalServer.StartAsync(o => PortalServer.WithFixtures(o, new GateAction()));

        var (status, body) = await Calls.PostAsync(server.Client, "/api/scaffolder/v2/tasks", new JsonObject
        {
            ["templateRef"] = SecretRef,
            ["values"] = new JsonObject { ["name"] = "vault" },
            ["secrets"] = new JsonObject { ["name"] = "hidden", ["backstageToken"] = "x" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("its secret parameters are: apiToken", JsonShape.Error(body, 400, "InputError"), StringComparison.Ordinal);
        Assert.Equal(2, body!["errors"]!.AsArray().Count);
    }

    private static IEnumerable<string> EveryFile(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories);

    /// <summary>The raw bytes, one char per byte, so the search also finds text inside binary database pages.</summary>
    private static string ReadLatin1(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        return reader.ReadToEnd();
    }
}
