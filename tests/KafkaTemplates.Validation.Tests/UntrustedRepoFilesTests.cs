using KafkaTemplates.Testing;

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
}
