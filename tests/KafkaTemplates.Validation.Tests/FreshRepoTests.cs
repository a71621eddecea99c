using KafkaTemplates.Templates.Tests;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>What the template generates is deployable as it is: no error, no warning, no note, nothing skipped.</summary>
public class FreshRepoTests
{
    public static TheoryData<string> AnswerSets => [.. HypertraceKafkaAnswers.All.Select(a => a.Id)];

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
    public async Task The_file_checks_alone_find_nothing_in_a_fresh_repo_and_say_that_rendering_was_skipped()
    {
        using var repo = await GeneratedRepo.CreateAsync();

        var report = new RepoValidator().ValidateFiles(repo.Path, Support.Validation.WithoutTools());

        Assert.True(report.Diagnostics.Count == 0, Support.Validation.Describe(report));
        Assert.Contains(report.Skipped, s => s.Check.Contains("helm template", StringComparison.Ordinal));
        Assert.Equal(TimeSpan.Zero, report.RenderingDuration);
    }
}
