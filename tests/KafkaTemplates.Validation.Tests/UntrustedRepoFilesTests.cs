using KafkaTemplates.Testing;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>A repo under validation may come from a pull request: its FIFOs never hang validation, its links never read the machine's files.</summary>
public class UntrustedRepoFilesTests
{
    [Fact]
    public async Task A_fifo_where_a_yaml_file_goes_is_refused_without_blocking()
    {
        using var temp = new TempFolder("repo-fifo");
        temp.Write(".kafka-templates.yaml", "template: hypertrace-kafka\nversion: 1.0.0\nsource: builtin\nanswers: {}\n");
        Directory.CreateDirectory(temp.Combine("helm"));
        var mkfifo = await ProcessRunner.RunAsync("mkfifo", [temp.Combine("helm", "Chart.yaml")]);
        Assert.True(mkfifo.ExitCode == 0, mkfifo.ToString());

        var validate = Task.Run(() => new RepoValidator().ValidateFiles(temp.Path));
        var e = await Assert.ThrowsAsync<InvalidRepoException>(() => validate.WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("'helm/Chart.yaml' is a FIFO, socket or device", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_that_leads_out_of_the_repo_is_refused_and_not_read()
    {
        using var temp = new TempFolder("repo-link");
        temp.Write("repo/.kafka-templates.yaml", "template: hypertrace-kafka\nversion: 1.0.0\nsource: builtin\nanswers: {}\n");
        Directory.CreateDirectory(temp.Combine("repo", "helm"));
        File.CreateSymbolicLink(temp.Combine("repo", "helm", "values.yaml"), "/etc/passwd");

        var e = Assert.Throws<InvalidRepoException>(() => new RepoValidator().ValidateFiles(temp.Combine("repo")));

        Assert.Contains("'helm/values.yaml' is a symbolic link that leads out of the repo", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chart_folder_that_is_a_link_out_of_the_repo_is_refused_and_not_read()
    {
        // helm/ -> a chart elsewhere on the machine: before, validate read and checked that chart as the repo's own.
        using var repo = await GeneratedRepo.CreateAsync();
        using var elsewhere = new TempFolder("elsewhere");
        FolderCopy.Copy(repo.Combine("helm"), elsewhere.Combine("helm"));
        File.AppendAllText(elsewhere.Combine("helm", "values.yaml"), "# OUTSIDE-CANARY\n");
        Directory.Delete(repo.Combine("helm"), recursive: true);
        File.CreateSymbolicLink(repo.Combine("helm"), elsewhere.Combine("helm"));

        var e = Assert.Throws<InvalidRepoException>(() => new RepoValidator().ValidateFiles(repo.Path));

        Assert.Contains("leads out of the repo through a symbolic link to a folder on the way", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("OUTSIDE-CANARY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_out_of_the_repo_anywhere_in_the_chart_is_refused_before_helm_reads_it()
    {
        // helm follows links: a template of the chart linked to a file of the machine would render it into the report.
        using var repo = await GeneratedRepo.CreateAsync();
        File.CreateSymbolicLink(repo.Combine("helm/templates/leak.yaml"), "/etc/passwd");
        var path = string.Join(Path.PathSeparator, Path.GetDirectoryName(Tool.Helm), Path.GetDirectoryName(Tool.Promtool));

        var e = await Assert.ThrowsAsync<InvalidRepoException>(() => new RepoValidator().ValidateAsync(repo.Path,
            new ValidationOptions { SearchPath = path, KnownTemplates = Support.Validation.KnownTemplates }));

        Assert.Contains("'helm/templates/leak.yaml' is a symbolic link that leads out of the repo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_that_stays_inside_the_repo_is_read()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        File.Move(repo.Combine("helm/values.yaml"), repo.Combine("values-real.yaml"));
        File.CreateSymbolicLink(repo.Combine("helm/values.yaml"), "../values-real.yaml");

        var report = new RepoValidator().ValidateFiles(repo.Path, new ValidationOptions { KnownTemplates = Support.Validation.KnownTemplates });

        Assert.DoesNotContain(report.Diagnostics, d => d.Message.Contains("leads out of the repo", StringComparison.Ordinal));
    }
}
