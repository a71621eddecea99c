using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Testing;

namespace KafkaTemplates.Engine.Tests.Templates;

/// <summary>
/// A template from a folder or a git tag is untrusted: its links are never followed (they could copy /etc/passwd or
/// the process environment into the repo) and its FIFOs, sockets and devices are never opened (they block forever).
/// Each test builds its hostile template itself.
/// </summary>
public class UntrustedTemplateFilesTests
{
    private static readonly EngineServices Engine = new();

    private static string Template(TempFolder temp, string steps)
    {
        temp.Write("template/template.yaml", $$"""
            apiVersion: scaffolder.backstage.io/v1beta3
            kind: Template
            metadata:
              name: hostile
              annotations:
                kafka-templates.dev/version: 1.0.0
            spec:
              type: service
              parameters: []
              steps:
            {{steps}}
            """);
        temp.Write("template/skeleton/README.md", "hello\n");
        return temp.Combine("template");
    }

    private const string FetchTemplate = """
            - id: fetch
              action: fetch:template
              input:
                url: ./skeleton
        """;

    private static async Task<ScaffoldException> RefusedAsync(string folder)
    {
        var template = Engine.Loader.Load(folder);
        // A FIFO that is opened blocks for ever: a bounded wait turns a hang into a failure instead of a stuck run.
        var run = Engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, new AnswerInput()), new ScaffoldOptions(), ScaffoldLog.Null);
        return await Assert.ThrowsAsync<ScaffoldException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/proc/self/environ")]
    [InlineData("../../outside.txt")]
    public async Task A_link_to_a_file_is_refused_and_its_bytes_are_not_read(string target)
    {
        using var temp = new TempFolder("links");
        var folder = Template(temp, FetchTemplate);
        temp.Write("outside.txt", "SECRET-OUTSIDE");
        File.CreateSymbolicLink(temp.Combine("template", "skeleton", "leak.txt"), target);

        var e = await RefusedAsync(folder);

        Assert.Contains("'skeleton/leak.txt' is a symbolic link", e.Message, StringComparison.Ordinal);
        Assert.Contains("put a copy of the file in place of the link", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-OUTSIDE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_linked_folder_inside_the_skeleton_is_refused()
    {
        using var temp = new TempFolder("links");
        var folder = Template(temp, FetchTemplate);
        temp.Write("elsewhere/secret.txt", "SECRET");
        Directory.CreateSymbolicLink(temp.Combine("template", "skeleton", "docs"), temp.Combine("elsewhere"));

        var e = await RefusedAsync(folder);

        Assert.Contains("'skeleton/docs' is a symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_skeleton_url_that_is_a_link_is_refused()
    {
        using var temp = new TempFolder("links");
        var folder = Template(temp, """
                - id: fetch
                  action: fetch:plain
                  input:
                    url: ./etc
            """);
        Directory.CreateSymbolicLink(temp.Combine("template", "etc"), "/etc");

        var e = await RefusedAsync(folder);

        Assert.Contains("'./etc' goes through the symbolic link 'etc'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fetch:plain:file")]
    [InlineData("fetch:template:file")]
    public async Task A_single_file_action_refuses_a_link(string action)
    {
        using var temp = new TempFolder("links");
        var folder = Template(temp, $"""
                - id: fetch
                  action: {action}
                  input:
                    url: ./passwd
                    targetPath: passwd
            """);
        File.CreateSymbolicLink(temp.Combine("template", "passwd"), "/etc/passwd");

        var e = await RefusedAsync(folder);

        Assert.Contains("symbolic link", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_yaml_that_is_a_link_is_refused()
    {
        using var temp = new TempFolder("links");
        temp.Write("real/template.yaml", "apiVersion: x\n");
        Directory.CreateDirectory(temp.Combine("template"));
        File.CreateSymbolicLink(temp.Combine("template", "template.yaml"), temp.Combine("real", "template.yaml"));

        var e = Assert.Throws<TemplateLoadException>(() => Engine.Loader.Load(temp.Combine("template")));

        Assert.Contains("template.yaml is a symbolic link", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("skeleton/pipe")]
    [InlineData("skeleton/deep/pipe")]
    public async Task A_fifo_in_a_skeleton_is_refused_without_blocking(string path)
    {
        using var temp = new TempFolder("fifo");
        var folder = Template(temp, FetchTemplate);
        Directory.CreateDirectory(Path.GetDirectoryName(temp.Combine("template", path))!);
        var mkfifo = await ProcessRunner.RunAsync("mkfifo", [temp.Combine("template", path)]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.ToString());

        var e = await RefusedAsync(folder);

        Assert.Contains($"'{path}' is a FIFO, socket or device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_as_template_yaml_is_refused_without_blocking()
    {
        using var temp = new TempFolder("fifo");
        Directory.CreateDirectory(temp.Combine("template"));
        var mkfifo = await ProcessRunner.RunAsync("mkfifo", [temp.Combine("template", "template.yaml")]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.ToString());

        var load = Task.Run(() => Engine.Loader.Load(temp.Combine("template")));
        var e = await Assert.ThrowsAsync<TemplateLoadException>(() => load.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_templates_folder_that_links_a_template_from_elsewhere_lists_it_as_broken()
    {
        using var temp = new TempFolder("links");
        Template(temp, FetchTemplate);
        Directory.CreateDirectory(temp.Combine("catalog"));
        Directory.CreateSymbolicLink(temp.Combine("catalog", "hostile"), temp.Combine("template"));

        var entry = Assert.Single(new TemplateCatalog(temp.Combine("catalog"), Engine.Loader).List());

        Assert.Null(entry.Template);
        Assert.Contains("the template folder is a symbolic link", entry.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("README.md", "readme.md")]
    [InlineData("docs/Runbook.md", "docs/RUNBOOK.md")]
    public async Task Two_files_that_are_one_on_macOS_and_Windows_are_refused(string first, string second)
    {
        // Linux keeps both; a clone on a case-insensitive file system silently keeps one.
        using var temp = new TempFolder("clash");
        var folder = Template(temp, FetchTemplate);
        temp.Write(Path.Combine("template", "skeleton", first), "one\n");
        temp.Write(Path.Combine("template", "skeleton", second), "two\n");

        var e = await RefusedAsync(folder);

        Assert.Contains("which are one file on macOS and Windows", e.Message, StringComparison.Ordinal);
    }
}
