namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>The form's check-as-you-type endpoint: the engine's own rules and wording, every violation at once.</summary>
public sealed class ValidateParametersTests : IAsyncLifetime
{
    private PortalServer _server = null!;

    public async Task InitializeAsync() => _server = await PortalServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Every_violation_is_reported_with_its_parameter_rule_and_message()
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/kafka-templates/validate-parameters", new JsonObject
        {
            ["templateRef"] = Calls.HypertraceRef,
            ["values"] = new JsonObject { ["name"] = "Bad_Name", ["brokers"] = 99, ["storageSize"] = "lots" },
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(body!["valid"]!.GetValue<bool>());
        var violations = JsonShape.Array(body["violations"], "violations").Select(v => JsonShape.Object(v, "violation")).ToList();
        Assert.Equal(["brokers:maximum", "name:pattern", "storageSize:pattern"],
            violations.Select(v => $"{JsonShape.String(v, "parameter")}:{JsonShape.String(v, "rule")}").Order(StringComparer.Ordinal));
        var name = violations.Single(v => v["parameter"]!.GetValue<string>() == "name");
        Assert.StartsWith("must match the pattern", JsonShape.String(name, "message"), StringComparison.Ordinal);
        Assert.Equal("\"Bad_Name\"", JsonShape.String(name, "value"));
    }

    [Fact]
    public async Task Good_values_are_valid_and_a_missing_required_one_is_named()
    {
        var good = await Calls.PostAsync(_server.Client, "/api/kafka-templates/validate-parameters",
            new JsonObject { ["templateRef"] = Calls.HypertraceRef, ["values"] = Calls.PaymentsValues() });
        var empty = await Calls.PostAsync(_server.Client, "/api/kafka-templates/validate-parameters",
            new JsonObject { ["templateRef"] = Calls.HypertraceRef, ["values"] = new JsonObject() });

        Assert.True(good.Body!["valid"]!.GetValue<bool>());
        Assert.Empty(good.Body["violations"]!.AsArray());
        var missing = Assert.Single(empty.Body!["violations"]!.AsArray());
        Assert.Equal("name", missing!["parameter"]!.GetValue<string>());
        Assert.Equal("required", missing["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_template_is_not_found()
    {
        var (status, body) = await Calls.PostAsync(_server.Client, "/api/kafka-templates/validate-parameters",
            new JsonObject { ["templateRef"] = "template:default/nope", ["values"] = new JsonObject() });

        Assert.Equal(HttpStatusCode.NotFound, status);
        JsonShape.Error(body, 404, "NotFoundError");
    }
}
