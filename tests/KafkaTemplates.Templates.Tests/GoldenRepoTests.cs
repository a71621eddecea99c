using KafkaTemplates.Testing;

namespace KafkaTemplates.Templates.Tests;

/// <summary>
/// Whole generated repos for representative answer sets (each authentication mode, each certificate source but none), committed under Golden/&lt;set&gt;/. Any change to the
/// template shows up here as a reviewable diff; KAFKA_TEMPLATES_ACCEPT=1 accepts it.
/// </summary>
public class GoldenRepoTests
{
    public static TheoryData<string> Representative() => new("defaults", "one-broker-gitlab", "fifteen-brokers-dedicated", "auth-mtls", "scram-existing-secret", "auth-none", "repo-on-github", "private-registry");

    [Theory]
    [MemberData(nameof(Representative))]
    public async Task The_generated_repo_matches_its_golden_copy(string answerSet)
    {
        var answers = HypertraceKafkaAnswers.All.Single(a => a.Id == answerSet);
        var files = await FrontDoors.EngineAsync(answers);
        GoldenFolder.AssertMatches(files, RepoRoot.Combine("tests", "KafkaTemplates.Templates.Tests", "Golden", answerSet));
    }
}
