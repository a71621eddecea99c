using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;

namespace KafkaTemplates.Engine.Tests.Answers;

/// <summary>One rule for the release and namespace a repo installs and validates as.</summary>
public class ReleaseIdentityTests
{
    [Fact]
    public void The_name_and_namespace_answers_come_first()
    {
        var answers = new JsonObject { ["name"] = "payments", ["namespace"] = "team-payments" };
        Assert.Equal(new ReleaseIdentity("payments", "team-payments"), ReleaseIdentity.Derive(answers, "folder"));
    }

    [Fact]
    public void The_namespace_defaults_to_the_release_and_the_release_to_the_folder_name()
    {
        Assert.Equal(new ReleaseIdentity("payments", "payments"), ReleaseIdentity.Derive(new JsonObject { ["name"] = "payments" }, "folder"));
        Assert.Equal(new ReleaseIdentity("orders-kafka", "orders-kafka"), ReleaseIdentity.Derive(null, "orders-kafka"));
    }

    [Fact]
    public void Explicit_choices_win_over_the_answers()
    {
        var answers = new JsonObject { ["name"] = "payments", ["namespace"] = "team-payments" };
        Assert.Equal(new ReleaseIdentity("blue", "staging"), ReleaseIdentity.Derive(answers, "folder", "blue", "staging"));
    }

    [Theory]
    [InlineData(null, "Payments_Repo", "'Payments_Repo' (the repo's folder name) cannot be a release name")]
    [InlineData("Payments", "folder", "'Payments' (the repo's name answer) cannot be a release name")]
    public void A_name_kubernetes_would_refuse_says_where_it_came_from_and_what_to_give(string? name, string folder, string message)
    {
        var answers = name is null ? null : new JsonObject { ["name"] = name };

        var e = Assert.Throws<ReleaseIdentityException>(() => ReleaseIdentity.Derive(answers, folder));

        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        Assert.EndsWith("give one with ⟨release⟩", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_longer_than_helm_allows_is_refused()
    {
        Assert.True(ReleaseIdentity.IsReleaseName(new string('a', 53)));
        Assert.False(ReleaseIdentity.IsReleaseName(new string('a', 54)));
        Assert.True(ReleaseIdentity.IsNamespace(new string('a', 63)));
    }
}
