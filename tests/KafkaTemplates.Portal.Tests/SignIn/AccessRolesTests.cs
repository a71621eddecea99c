using KafkaTemplates.Portal.Access;

namespace KafkaTemplates.Portal.Tests.SignIn;

/// <summary>The role rules: what groups bring, what everyone has by default, and rules that cannot be read.</summary>
public sealed class AccessRolesTests
{
    [Fact]
    public void Without_a_rule_for_everyone_each_signed_in_user_may_look_run_and_manage_their_own_tasks()
    {
        var roles = AccessRoles.Parse(["platform=see-all-tasks"]);

        Assert.Equal(["cancel", "download", "list-templates", "run:*"], roles.PermissionsOf([]).Order(StringComparer.Ordinal));
        Assert.Equal(["cancel", "download", "list-templates", "run:*", "see-all-tasks"], roles.PermissionsOf(["platform", "other"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_rule_for_everyone_replaces_the_default_and_rules_for_one_group_add_up()
    {
        var roles = AccessRoles.Parse(["*=list-templates", "team=run:hypertrace-kafka", "team=download"]);

        Assert.Equal(["list-templates"], roles.PermissionsOf([]));
        Assert.Equal(["download", "list-templates", "run:hypertrace-kafka"], roles.PermissionsOf(["team"]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("platform", "must be GROUP=PERMISSION")]
    [InlineData("=cancel", "must be GROUP=PERMISSION")]
    [InlineData("platform=", "must be GROUP=PERMISSION")]
    [InlineData("platform=cancel,admin", "unknown permission 'admin'")]
    [InlineData("platform=run:", "unknown permission 'run:'")]
    public void A_rule_that_cannot_be_read_is_named_with_what_is_wrong(string rule, string message)
    {
        var error = Assert.Throws<FormatException>(() => AccessRoles.Parse([rule]));

        Assert.Contains($"'{rule}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jane", "user:default/jane")]
    [InlineData("user:default/jane", "user:default/jane")]
    [InlineData("user:people/jane.doe", "user:people/jane.doe")]
    [InlineData("0c1f4e7a-subject", "user:default/0c1f4e7a-subject")]
    public void A_claim_value_becomes_an_entity_ref_unless_it_is_one(string value, string expected) =>
        Assert.Equal(expected, PortalUser.EntityRefOf(value));
}
