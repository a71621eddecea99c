using KafkaTemplates.Templates.Tests;
using KafkaTemplates.Validation.Tests.Support;

namespace KafkaTemplates.Validation.Tests;

/// <summary>What the template generates is deployable as it is: no error, no warning, no note, nothing skipped.</summary>
public class FreshRepoTests
{
    /// <summary>Certificates from the team's own Secrets: the repo cannot show they exist, so validate warns (below).</summary>
    private static bool UsesTeamSecrets(HypertraceKafkaAnswers a) => a.Answers.TryGetValue("certSource", out var source) && source == "secret";

    /// <summary>No client authentication: validate warns (below) until the team moves to scram or mtls.</summary>
    private static bool Unauthenticated(HypertraceKafkaAnswers a) => a.Answers.TryGetValue("authMode", out var mode) && mode == "none";

    public static TheoryData<string> AnswerSets => [.. HypertraceKafkaAnswers.All.Where(a => !UsesTeamSecrets(a) && !Unauthenticated(a)).Select(a => a.Id)];

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
    public async Task A_fresh_repo_without_client_authentication_is_told_what_is_left_to_do_and_nothing_else()
    {
        var answers = HypertraceKafkaAnswers.All.Single(a => a.Id == "auth-none");
        using var repo = await GeneratedRepo.CreateAsync(answers.Answers, answers.Folder);

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithTools(warningsAsErrors: false));

        var diagnostic = Assert.Single(report.Diagnostics);
        Assert.Equal("KT4012", diagnostic.Descriptor.Code);
        Assert.Empty(report.Skipped);
    }

    /// <summary>
    /// External access on, with TLS from cert-manager and SCRAM (the defaults), and topics, users and ACLs declared:
    /// helm lint and template with every switch, strict deserialization of every object (the hook Job included) and
    /// every other check pass, with no diagnostic at all.
    /// </summary>
    [Fact]
    public async Task A_repo_with_external_access_and_topics_users_and_acls_declared_validates_without_any_diagnostic()
    {
        using var repo = await GeneratedRepo.CreateAsync();
        var values = repo.Combine("helm/values.yaml");
        var text = File.ReadAllText(values);
        foreach (var (find, replace) in ExternalAccessWithDeclarations)
        {
            Assert.Contains(find, text, StringComparison.Ordinal);
            text = text.Replace(find, replace, StringComparison.Ordinal);
        }
        File.WriteAllText(values, text);

        var report = await Support.Validation.RunAsync(repo.Path, Support.Validation.WithTools(warningsAsErrors: true));

        Assert.True(report.Diagnostics.Count == 0, Support.Validation.Describe(report));
        Assert.Empty(report.Skipped);
    }

    internal static readonly (string Find, string Replace)[] ExternalAccessWithDeclarations =
    [
        ("topics: []", "topics:\n  - name: orders.v1\n    partitions: 6\n    config:\n      min.insync.replicas: 2\n      cleanup.policy: compact,delete\n  - name: audit\n    replicationFactor: 3"),
        ("users: []", "users:\n  - name: orders-service\n  - name: auditor"),
        ("acls: []", "acls:\n  - principal: User:orders-service\n    resourceType: topic\n    name: orders.v1\n    operations: [Read, Write, Describe]\n  - principal: User:orders-service\n    resourceType: group\n    name: orders-\n    patternType: prefixed\n    operations: [Read]\n  - principal: User:auditor\n    resourceType: topic\n    name: \"*\"\n    operations: [Read]\n    permission: allow"),
        ("  enabled: false\n  # -- Service type per broker", "  enabled: true\n  # -- Service type per broker"),
        ("  advertisedHosts: []", "  advertisedHosts: [kafka-0.example.com, kafka-1.example.com, kafka-2.example.com]"),
        ("  loadBalancerSourceRanges: []", "  loadBalancerSourceRanges: [203.0.113.0/24]"),
        ("  allowedCidrs: []", "  allowedCidrs: [203.0.113.0/24]"),
    ];

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
