using KafkaTemplates.Portal.Tasks;

namespace KafkaTemplates.Portal.Tests.Store;

/// <summary>--database as a URL or an Npgsql connection string; the password never shows in a message.</summary>
public sealed class PostgresConnectionTests
{
    [Fact]
    public void A_url_gives_host_port_database_user_password_and_settings()
    {
        var builder = PostgresConnection.Parse("postgres://portal:s%40cret@db.example.com:6543/kafka_templates?sslmode=require");

        Assert.Equal(("db.example.com", 6543, "kafka_templates", "portal", "s@cret"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal("postgres://portal@db.example.com:6543/kafka_templates", PostgresConnection.Describe(builder));
    }

    [Theory]
    [InlineData("postgres://portal:hunter2@db:5432/kt", "postgres://portal:***@db:5432/kt")]
    [InlineData("postgres://portal@db:5432/kt", "postgres://portal@db:5432/kt")]
    [InlineData("Host=db;Username=portal;Password=hunter2;Database=kt", "Host=db;Username=portal;Password=***;Database=kt")]
    public void The_password_is_masked(string database, string shown) => Assert.Equal(shown, PostgresConnection.Masked(database));

    [Theory]
    [InlineData("postgres://portal:hunter2@/kt")]
    [InlineData("postgres://portal:hunter2@db:5432/")]
    [InlineData("postgres://portal:hunter2@db:5432/kt?nonsense=1")]
    [InlineData("Host=db;Password=hunter2;Nonsense=1")]
    public void A_malformed_database_is_refused_without_its_password(string database)
    {
        var error = Assert.Throws<FormatException>(() => PostgresConnection.Parse(database));
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
