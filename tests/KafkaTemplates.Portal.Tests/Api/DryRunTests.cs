using System.Text.Json;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>POST /api/scaffolder/v2/dry-run: Backstage's request and response, plus the file checks' diagnostics.</summary>
public sealed class DryRunTests : IAsyncLifetime
{
    private PortalServer _server = null!;
    private JsonObject _entity = null!;

    public async Task InitializeAsync()
    {
        _server = await PortalServer.StartAsync();
        _entity = JsonShape.Object((await Calls.GetAsync(_server.Client, "/api/catalog/entities/by-name/template/default/hypertrace-kafka")).Body, "entity");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private JsonObject Request(JsonObject values) => new()
    {
        ["template"] = _entity.DeepClone(),
        ["values"] = values,
        ["secrets"] = new JsonObject(),
        ["directoryContents"] = new JsonArray(),
    };

    [Fact]
    public async Task A_dry_run_returns_the_engines_files_the_log_the_output_the_steps_and_the_diagnostics()
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run", Request(Calls.PaymentsValues()));

        Assert.Equal(HttpStatusCode.OK, status);
        var result = JsonShape.Object(body, "dry-run result");

        var files = new FileSet();
        foreach (var file in JsonShape.Array(result["directoryContents"], "directoryContents").Select(f => JsonShape.Object(f, "file")))
        {
            var executable = JsonShape.Bool(file, "executable");
            files.Put(new GeneratedFile(JsonShape.String(file, "path"), Convert.FromBase64String(JsonShape.String(file, "base64Content")),
                executable ? RepoFileMode.Executable : RepoFileMode.Regular));
        }
        Reference.AssertSame(await Reference.EngineFilesAsync("hypertrace-kafka", Calls.PaymentsValues()), files);
        Assert.Contains(files, f => f.Mode == RepoFileMode.Executable);

        var log = JsonShape.Array(result["log"], "log").Select(l => JsonShape.Object(JsonShape.Object(l, "log entry")["body"], "log body")).ToList();
        Assert.All(log, b => JsonShape.String(b, "message"));
        Assert.Contains(log, b => b["stepId"]?.GetValue<string>() == "fetch-base" && b["status"]?.GetValue<string>() == "processing");
        Assert.Contains(log, b => b["stepId"]?.GetValue<string>() == "fetch-base" && b["status"]?.GetValue<string>() == "completed");
        Assert.Contains(log, b => b["stepId"]?.GetValue<string>() == "fetch-github" && b["status"]?.GetValue<string>() == "skipped");

        var steps = JsonShape.Array(result["steps"], "steps").Select(s => JsonShape.Object(s, "step")).ToList();
        Assert.Equal(["fetch-base", "fetch-catalog", "fetch-catalog-github", "fetch-catalog-gitlab", "fetch-github", "fetch-gitlab", "publish-github", "publish-gitlab", "register"], steps.Select(s => JsonShape.String(s, "id")));
        Assert.All(steps, s => { JsonShape.String(s, "name"); JsonShape.String(s, "action"); });

        var output = JsonShape.Object(result["output"], "output");
        Assert.Contains("--namespace payments-kafka", output["text"]![0]!["content"]!.GetValue<string>(), StringComparison.Ordinal);

        var diagnostics = JsonShape.Object(result["diagnostics"], "diagnostics");
        Assert.True(JsonShape.Bool(diagnostics, "passed"));
        Assert.Equal(0, diagnostics["summary"]!["errors"]!.GetValue<int>());
        Assert.False(diagnostics.ContainsKey("repo"), "the server's scratch path must not leak");
        Assert.Contains(JsonShape.Array(diagnostics["skipped"], "skipped"), s => s!["check"]!.GetValue<string>().Contains("helm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_values_get_400_with_every_violation_in_backstages_errors_shape()
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run",
            Request(new JsonObject { ["name"] = "Bad_Name", ["brokers"] = 0, ["colour"] = "blue" }));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = JsonShape.Error(body, 400, "InputError");
        Assert.StartsWith("3 invalid parameters", message, StringComparison.Ordinal);
        var errors = JsonShape.Array(body!["errors"], "errors").Select(e => JsonShape.Object(e, "validation error")).ToList();
        foreach (var error in errors)
        {
            JsonShape.Member(error, "path", JsonValueKind.Array);
            Assert.StartsWith("instance.", JsonShape.String(error, "property"), StringComparison.Ordinal);
            JsonShape.String(error, "message");
            JsonShape.String(error, "name");
            JsonShape.String(error, "stack");
        }
        Assert.Equal(["brokers:minimum", "colour:unknown", "name:pattern"],
            errors.Select(e => $"{e["path"]![0]}:{e["name"]}").Order(StringComparer.Ordinal));
        Assert.Equal(0, errors.Single(e => e["name"]!.GetValue<string>() == "minimum")["instance"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("\u2028", "U+2028")]
    [InlineData("\u2029", "U+2029")]
    [InlineData("\u0085", "U+0085")]
    public async Task A_description_with_a_character_yaml_reads_as_a_line_break_gets_400_naming_it(string character, string named)
    {
        var values = Calls.PaymentsValues();
        values["description"] = $"Payments{character}events";

        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run", Request(values));

        // Accepted, it would write a repo whose own validation fails; refused, it names the parameter and the character.
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = JsonShape.Error(body, 400, "InputError");
        var error = JsonShape.Object(JsonShape.Array(body!["errors"], "errors").Single(), "validation error");
        Assert.Equal("description", error["path"]![0]!.GetValue<string>());
        Assert.Contains(named, JsonShape.String(error, "message"), StringComparison.Ordinal);
        Assert.Contains("description", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_not_in_the_catalog_is_not_found()
    {
        var request = Request(Calls.PaymentsValues());
        request["template"]!["metadata"]!["name"] = "my-own-template";

        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run", request);

        Assert.Equal(HttpStatusCode.NotFound, status);
        JsonShape.Error(body, 404, "NotFoundError");
    }

    [Fact]
    public async Task A_template_that_differs_from_the_catalogs_is_refused_with_where_it_differs()
    {
        var request = Request(Calls.PaymentsValues());
        request["template"]!["spec"]!["steps"]![0]!["input"]!["url"] = "../../../etc";

        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run", request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("spec.steps[0].input.url", JsonShape.Error(body, 400, "InputError"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_supplied_skeleton_files_are_refused()
    {
        var request = Request(Calls.PaymentsValues());
        request["directoryContents"] = new JsonArray(new JsonObject { ["path"] = "x.txt", ["base64Content"] = "eA==" });

        var (status, body) = await Calls.PostAsync(_server.Client, "/api/scaffolder/v2/dry-run", request);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("directoryContents", JsonShape.Error(body, 400, "InputError"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "{}", 415)]
    [InlineData("application/json", "{ not json", 400)]
    [InlineData("application/json", "[1, 2]", 400)]
    [InlineData("application/json", "{\"values\": {}}", 400)]
    public async Task A_malformed_request_is_refused_with_a_message(string contentType, string content, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/scaffolder/v2/dry-run")
        {
            Content = new StringContent(content, System.Text.Encoding.UTF8, contentType),
        };
        using var response = await _server.Client.SendAsync(request);

        Assert.Equal(expected, (int)response.StatusCode);
        JsonShape.Error(JsonNode.Parse(await response.Content.ReadAsStringAsync()), expected, "InputError");
    }
}
