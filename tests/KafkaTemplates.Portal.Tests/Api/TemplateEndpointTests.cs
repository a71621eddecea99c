using System.Text.Json;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>The read-only endpoints a scaffolder frontend calls before it shows a form.</summary>
public sealed class TemplateEndpointTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_parameter_schema_has_one_step_per_form_page_with_its_json_schema()
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/scaffolder/v2/templates/default/template/hypertrace-kafka/parameter-schema");

        Assert.Equal(HttpStatusCode.OK, status);
        var schema = JsonShape.Object(body, "TemplateParameterSchema");
        Assert.Equal("Kafka cluster (KRaft) for a team", JsonShape.String(schema, "title"));
        JsonShape.Optional(schema, "description", JsonValueKind.String);
        var steps = JsonShape.Array(JsonShape.Member(schema, "steps", JsonValueKind.Array), "steps");
        Assert.Equal(["Cluster", "Size", "Security", "Delivery"], steps.Select(s => JsonShape.String(JsonShape.Object(s, "step"), "title")));
        foreach (var step in steps.Cast<JsonObject>())
        {
            JsonShape.Optional(step, "description", JsonValueKind.String);
            JsonShape.Member(JsonShape.Object(step["schema"], "step schema"), "properties", JsonValueKind.Object);
        }
        var name = steps[0]!["schema"]!["properties"]!["name"]!.AsObject();
        Assert.True(name["ui:autofocus"]!.GetValue<bool>());
        Assert.Equal("^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$", name["pattern"]!.GetValue<string>());
        Assert.Equal(["Combined broker and controller nodes", "Dedicated controller quorum"],
            steps[1]!["schema"]!["properties"]!["controllerLayout"]!["enumNames"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/scaffolder/v2/templates/default/template/no-such-template/parameter-schema")]
    [InlineData("/api/scaffolder/v2/templates/default/component/hypertrace-kafka/parameter-schema")]
    [InlineData("/api/scaffolder/v2/templates/other/template/hypertrace-kafka/parameter-schema")]
    [InlineData("/api/catalog/entities/by-name/template/default/no-such-template")]
    public async Task A_template_outside_the_catalog_is_not_found(string url)
    {
        var (status, body) = await Calls.GetAsync(_server.Client, url);

        Assert.Equal(HttpStatusCode.NotFound, status);
        var message = JsonShape.Error(body, 404, "NotFoundError");
        Assert.Contains("available: template:default/hypertrace-kafka", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Actions_are_listed_with_their_input_and_output_schemas()
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/scaffolder/v2/actions");

        Assert.Equal(HttpStatusCode.OK, status);
        var actions = JsonShape.Array(body, "actions").Select(a => JsonShape.Object(a, "action")).ToList();
        foreach (var action in actions)
        {
            JsonShape.String(action, "id");
            JsonShape.Optional(action, "description", JsonValueKind.String);
            var schema = JsonShape.Object(action["schema"], "action schema");
            JsonShape.Member(schema, "input", JsonValueKind.Object);
            JsonShape.Member(schema, "output", JsonValueKind.Object);
        }
        var fetch = actions.Single(a => a["id"]!.GetValue<string>() == "fetch:template");
        Assert.Equal("string", fetch["schema"]!["input"]!["properties"]!["url"]!["type"]!.GetValue<string>());
        Assert.Contains(actions, a => a["id"]!.GetValue<string>() == "publish:github");
    }

    [Fact]
    public async Task The_template_entity_is_served_as_the_catalog_serves_it()
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/catalog/entities/by-name/template/default/hypertrace-kafka");

        Assert.Equal(HttpStatusCode.OK, status);
        var entity = JsonShape.Object(body, "entity");
        Assert.Equal("scaffolder.backstage.io/v1beta3", JsonShape.String(entity, "apiVersion"));
        Assert.Equal("Template", JsonShape.String(entity, "kind"));
        var metadata = JsonShape.Object(entity["metadata"], "metadata");
        Assert.Equal("hypertrace-kafka", JsonShape.String(metadata, "name"));
        Assert.Equal("default", JsonShape.String(metadata, "namespace"));
        Assert.Equal(9, JsonShape.Array(entity["spec"]!["steps"], "steps").Count);
    }

    [Fact]
    public async Task The_template_list_names_each_template_by_reference_and_version()
    {
        var (status, body) = await Calls.GetAsync(_server.Client, "/api/kafka-templates/templates");

        Assert.Equal(HttpStatusCode.OK, status);
        var item = JsonShape.Array(body!["items"], "items").Select(i => JsonShape.Object(i, "item")).Single(i => i["name"]!.GetValue<string>() == "hypertrace-kafka");
        Assert.Equal(Calls.HypertraceRef, JsonShape.String(item, "ref"));
        Assert.Matches(@"^\d+\.\d+\.\d+", JsonShape.String(item, "version"));
        Assert.Contains("kafka", item["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Empty(JsonShape.Array(body["unavailable"], "unavailable"));
    }
}
