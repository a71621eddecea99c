using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Export.DotnetNew;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// A value computed with <c>replace</c> and a regex becomes dotnet new's regex generator only where .NET replaces
/// exactly what JavaScript does; anything else is refused at export with the fix, never exported to differ.
/// </summary>
public class DotnetNewRegexExportTests
{
    [Theory]
    [InlineData("replace(r/^https:\\/\\/[^\\/]+\\//, '')", null)]
    [InlineData("replace(r/-+/g, '-')", null)]
    [InlineData("replace(r/https:\\/\\//, '')", "anchor it with ^ or add the g flag")]
    [InlineData("replace(r/^https/i, '')", "only g is allowed")]
    [InlineData("replace(r/^(h)/, '$1')", "replace with plain text")]
    public void A_regex_replace_exports_only_when_dotnet_new_computes_the_same_value(string filter, string? refusal)
    {
        using var folder = new TempFolder("regex-export");
        folder.Write("skeleton/README.md", "${{ values.slug }}\n");
        folder.Write("template.yaml", $$$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: regex-export
              annotations: { kafka-templates.dev/version: 1.0.0 }
            spec:
              owner: platform
              type: service
              parameters:
                - properties:
                    url: { type: string, default: "https://example.com/a/b" }
              steps:
                - id: fetch
                  action: fetch:template
                  input:
                    url: ./skeleton
                    values:
                      slug: ${{ parameters.url | {{{filter}}} }}
            """);
        var template = new EngineServices().Loader.Load(folder.Path, TemplateSource.Folder(folder.Path));

        var export = () => DotnetNewExporter.Export(template, new DotnetNewExportOptions { TemplateRoot = folder.Path });

        if (refusal is null)
        {
            var json = export()[DotnetNewExporter.TemplateJsonPath].ReadText();
            Assert.Contains("\"generator\": \"regex\"", json, StringComparison.Ordinal);
        }
        else
        {
            var e = Assert.Throws<ExportException>(export);
            Assert.Contains(refusal, e.Message, StringComparison.Ordinal);
            Assert.Contains("value 'slug'", e.Message, StringComparison.Ordinal);
        }
    }
}
