using KafkaTemplates.Templates.Tests;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>What the template generates is deployable as it is: no error, no warning, no note, nothing skipped.</summary>
public class FreshRepoTests
{
    /// <summary>Certificates from the team's own Secrets: the repo cannot show they exist, so validate warns (below).</summary>
    private static bool UsesTeamSecrets(HypertraceKafkaAnswers a) => a.Answers.TryGetValue("certSource", out var source) && source == "secret";

    public static TheoryData<string> AnswerSets => [.. HypertraceKafkaAnswers.All.Where(a => !UsesTeamSecrets(a)).Select(a => a.Id)];

    [Theory]
    [MemberData(nameof(AnswerSets))]
    public async Task A_freshly_generated_repo_validates_without_any_diagnostic(string answerSet)
    {
        var answers = HypertraceKafkaAnswers.All.Single(a => a.Id == answerSet);
        using var repo = await GeneratedRepo.CreateAsync(answers.Answers, answers.Folder);

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithTools(warningsAsErrors: true));

        Assert.True(report.Diagnostics.Count == 0, Support.Validation.Describe(report));
        Assert.Empty(report.Skipped);
    }

    [Fact]
    public async Task A_fresh_repo_with_certificates_from_team_Secrets_names_each_Secret_to_create_and_nothing_else()
    {
        var answers = HypertraceKafkaAnswers.All.Single(a => a.Id == "scram-existing-secret");
        using var repo = await GeneratedRepo.CreateAsync(answers.Answers, answers.Folder);

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithTools(warningsAsErrors: true));

        Assert.True(report.Diagnostics.All(d => d.Descriptor.Code == "KT4014"), Support.Validation.Describe(report));
        Assert.Equal(["vault-kafka-broker-tls", "vault-kafka-controller-tls"],
            report.Diagnostics.Select(d => d.Message.Split(' ').First(w => w.EndsWith("-tls", StringComparison.Ordinal))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_file_checks_alone_find_nothing_in_a_fresh_repo_and_say_that_rendering_was_skipped()
    {
        using var repo = await GeneratedRepo.CreateAsync();

        var report = new RepoValidator().ValidateFiles(repo.Path, Support.Validation.WithoutTools());

        Assert.True(report.Diagnostics.Count == 0, Support.Validation.Describe(report));
        Assert.Contains(report.Skipped, s => s.Check.Contains("helm template", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, report.RenderingDuration);
    }
}
