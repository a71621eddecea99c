using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Cli;

/// <summary>`serve --database`: bad input is exit 2 with a message naming the flag, and the password never shows.</summary>
public sealed class ServeDatabaseTests : IDisposable
{
    private readonly TempFolder _work = new("serve-database");

    private CliRun NewRun(Dictionary<string, string>? variables = null) => new()
    {
        WorkingDirectory = _work.Path,
        Variables = variables ?? new() { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
    };

    [Theory]
    [InlineData("postgres://portal:hunter2@/kafka", "is not a PostgreSQL URL")]
    [InlineData("postgres://portal:hunter2@db.example.com:5432/kafka?nonsense=1", "the setting 'nonsense'")]
    [InlineData("Host=db.example.com;Password=hunter2;Nonsense=1", "is not an Npgsql connection string")]
    public async Task A_malformed_database_is_bad_input_that_names_the_flag_hides_the_password_and_creates_nothing(string database, string message)
    {
        var run = NewRun();

        Assert.Equal(2, await run.RunAsync("serve", "--data", "data", "--database", database));

        run.ErrorShows("--database");
        run.ErrorShows(message);
        Assert.DoesNotContain("hunter2", run.Error.Output + run.Out.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_work.Combine("data")), "nothing is created when the portal refuses to start");
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_reported_with_its_address_and_without_its_password()
    {
        var port = LoopbackServer.ClosedPort();
        var run = NewRun(new()
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "",
            ["KAFKA_TEMPLATES_DATABASE"] = $"postgres://portal:hunter2@127.0.0.1:{port}/kafka",
        });

        Assert.Equal(2, await run.RunAsync("serve", "--data", "data"));

        run.ErrorShows($"cannot use the task database postgres://portal@127.0.0.1:{port}/kafka");
        run.ErrorShows("--database");
        Assert.DoesNotContain("hunter2", run.Error.Output + run.Out.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _work.Dispose();
}
