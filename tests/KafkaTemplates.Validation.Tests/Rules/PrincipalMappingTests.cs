using KafkaTemplates.Validation.Rules.Security;

namespace KafkaTemplates.Validation.Tests.Rules;

/// <summary>ssl.principal.mapping.rules as Kafka's SslPrincipalMapper applies them (the cases of its own documentation).</summary>
public class PrincipalMappingTests
{
    [Theory]
    [InlineData("RULE:^CN=([^,]+).*$/$1/,DEFAULT", "CN=payments-kafka-broker", "payments-kafka-broker")]
    [InlineData("RULE:^CN=([^,]+).*$/$1/,DEFAULT", "OU=Kafka,O=Example", "OU=Kafka,O=Example")]
    [InlineData("DEFAULT", "CN=payments-kafka-broker", "CN=payments-kafka-broker")]
    [InlineData("RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/L, RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/U, DEFAULT", "CN=Duke,OU=ServiceUsers,O=Org", "duke")]
    [InlineData("RULE:^CN=(.*?),OU=ServiceUsers.*$/$1/L, RULE:^CN=(.*?),OU=(.*?),O=(.*?),L=(.*?),ST=(.*?),C=(.*?)$/$1@$2/U, DEFAULT", "CN=Duke,OU=JavaSoft,O=Sun,L=Santa,ST=CA,C=US", "DUKE@JAVASOFT")]
    [InlineData("RULE:^CN=a\\/b$/ab/", "CN=a/b", "ab")]
    public void A_name_maps_as_Kafka_maps_it(string rules, string distinguishedName, string principal)
    {
        var mapping = PrincipalMapping.Parse(rules);

        Assert.NotNull(mapping);
        Assert.Equal(principal, mapping.Map(distinguishedName));
    }

    [Fact]
    public void A_name_no_rule_matches_has_no_principal_and_text_that_is_no_rule_list_is_not_read()
    {
        Assert.Null(PrincipalMapping.Parse("RULE:^CN=svc-(.*)$/$1/")!.Map("CN=payments-kafka-broker"));
        Assert.Null(PrincipalMapping.Parse("RULE:^CN=(.*$/$1/"));
        Assert.Null(PrincipalMapping.Parse("SOMETHING"));
    }
}
