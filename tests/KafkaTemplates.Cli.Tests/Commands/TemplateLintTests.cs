using KafkaTemplates.Cli.Infrastructure;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Cli.Tests.Commands;

/// <summary><c>template lint</c>, tried as a template author would: on the shipped template and on one with mistakes.</summary>
public class TemplateLintTests
{
    [Fact]
    public async Task The_shipped_template_has_no_line_Backstage_renders_differently()
    {
        var run = new CliRun { WorkingDirectory = Path.GetTempPath() };
        Assert.Equal(ExitCodes.Success, await run.RunAsync("template", "lint", "hypertrace-kafka"));
        Assert.Contains("Backstage renders every file", run.Out.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Points_at_each_line_Backstage_refuses_or_renders_as_nothing_with_the_fix()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("t", "skeleton", "kept"));
        File.WriteAllText(temp.Combine("t", "template.yaml"), """
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: mistakes
              annotations:
                kafka-templates.dev/version: 1.0.0
            spec:
              type: service
              parameters:
                properties:
                  name: { type: string, default: orders }
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
                    values:
                      name: ${{ parameters.name }}
                    copyWithoutTemplating: [kept/**]
            """);
        File.WriteAllText(temp.Combine("t", "skeleton", "ci.yaml"), "name: ${{ values.name }}\nsha: ${{ github.sha }}\nx: ${{ values.name | nosuch }}\n");
        File.WriteAllText(temp.Combine("t", "skeleton", "script.sh"), "echo ok\necho ${#} {% if\n");
        File.WriteAllText(temp.Combine("t", "skeleton", "kept", "ci.yaml"), "sha: ${{ github.sha }}\n");
        var run = new CliRun { WorkingDirectory = temp.Path };

        Assert.Equal(ExitCodes.Problems, await run.RunAsync("template", "lint", "./t", "--format", "json"));

        var findings = System.Text.Json.Nodes.JsonNode.Parse(run.Out.Output)!.AsArray()
            .Select(f => (File: f!["file"]!.GetValue<string>(), Line: f["line"]!.GetValue<int>(), Message: f["message"]!.GetValue<string>())).ToList();
        Assert.Equal(3, findings.Count);
        Assert.Contains(findings, f => f.File == "skeleton/ci.yaml" && f.Line == 2 && f.Message.Contains("'github'", StringComparison.Ordinal) && f.Message.Contains("copyWithoutTemplating", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == "skeleton/ci.yaml" && f.Line == 3 && f.Message.Contains("unknown filter 'nosuch'", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.File == "skeleton/script.sh" && f.Line == 2 && f.Message.Contains("{% raw %}", StringComparison.Ordinal));
    }
}
