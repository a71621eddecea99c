using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>catalog/ is what a Backstage portal imports: it must register every template, and every target must exist.</summary>
public class CatalogTests
{
    private static JsonObject Location =>
        (JsonObject)YamlReader.ReadFile(RepoRoot.Combine("catalog", "catalog-info.yaml")).Root!;

    [Fact]
    public void The_location_registers_every_template_and_every_target_exists()
    {
        var location = Location;
        Assert.Equal(("backstage.io/v1alpha1", "Location"), (location["apiVersion"]!.GetValue<string>(), location["kind"]!.GetValue<string>()));
        var targets = location["spec"]!["targets"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();

        foreach (var target in targets)
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(RepoRoot.Combine("catalog"), target))), $"catalog target {target} does not exist");
        foreach (var template in Directory.EnumerateDirectories(RepoRoot.Combine("templates")).Where(d => File.Exists(Path.Combine(d, "template.yaml"))))
            Assert.Contains($"../templates/{Path.GetFileName(template)}/template.yaml", targets);
    }

    [Fact]
    public void The_owner_the_templates_name_is_an_entity_of_the_catalog()
    {
        var entities = File.ReadAllText(RepoRoot.Combine("catalog", "entities.yaml")).Split("\n---\n")
            .Select(doc => (JsonObject)YamlReader.Read(doc, "entities.yaml").Root!).ToList();
        var groups = entities.Where(e => e["kind"]!.GetValue<string>() == "Group").Select(e => e["metadata"]!["name"]!.GetValue<string>());
        Assert.Contains(FrontDoors.Template.Owner, groups);
    }
}
