using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Cli;

/// <summary>`kafka-templates serve`, run in-process by the shared CLI harness.</summary>
public sealed class ServeCommandTests
{
    private sealed class Run : IDisposable
    {
        public TempFolder Work { get; } = new("serve");

        public CliRun Cli { get; }

        public Run() => Cli = new CliRun
        {
            WorkingDirectory = Work.Path,
            Variables = new() { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "" },
        };

        public Spectre.Console.Testing.TestConsole Error => Cli.Error;

        public Task<int> StartAsync(CancellationToken cancellationToken, params string[] args) => Cli.RunAsync(cancellationToken, args);

        public void Dispose() => Work.Dispose();
    }

    [Theory]
    [InlineData("http://0.0.0.0:7007")]
    [InlineData("http://127.0.0.1:7007;http://*:7008")]
    public async Task Serving_beyond_loopback_is_refused_without_allow_remote_and_says_why(string urls)
    {
        using var run = new Run();

        Assert.Equal(2, await run.StartAsync(CancellationToken.None, "serve", "--urls", urls, "--data", "data"));

        run.Cli.ErrorShows("no sign-in");
        run.Cli.ErrorShows("--allow-remote");
        Assert.False(Directory.Exists(run.Work.Combine("data")), "nothing is created when the portal refuses to start");
    }

    [Theory]
    [InlineData("--max-concurrent-tasks", "0", "--max-concurrent-tasks must be 1-64, not 0")]
    [InlineData("--keep-repos-days", "0", "--keep-repos-days must be 1-3650, not 0")]
    public async Task A_limit_outside_its_range_is_bad_input(string option, string value, string message)
    {
        using var run = new Run();

        Assert.Equal(2, await run.StartAsync(CancellationToken.None, "serve", option, value));

        run.Cli.ErrorShows(message);
    }

    [Fact]
    public async Task Serve_answers_on_loopback_with_its_data_folder_and_stops_on_cancellation()
    {
        using var run = new Run();
        using var stop = new CancellationTokenSource();
        // Port 0: serve binds a port the system chooses and says which, so no other process can take it first.
        var serving = run.StartAsync(stop.Token, "serve", "--urls", ServeAddress.AnyLoopbackPort, "--data", "portal-data", "--max-concurrent-tasks", "3");
        var address = await ServeAddress.WaitAsync(() => run.Error.Output, serving, Calls.Guard);
        using var client = new HttpClient { BaseAddress = address };

        var (status, body) = await FirstAnswerAsync(client, serving);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(body!["items"]!.AsArray(), i => i!["name"]!.GetValue<string>() == "hypertrace-kafka");
        await stop.CancelAsync();
        Assert.Equal(0, await serving.WaitAsync(Calls.Guard));
        Assert.True(File.Exists(run.Work.Combine("portal-data", "portal.db")));
        Assert.Contains($"Serving 1 template(s) at http://127.0.0.1:{address.Port}/", run.Error.Output, StringComparison.Ordinal);
        Assert.Contains($"Listening on http://127.0.0.1:{address.Port}\n", run.Error.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("Stopped.", run.Error.Output, StringComparison.Ordinal);
    }

    /// <summary>Asks until serve answers; bounded by the guard, and failing at once if serve ends instead.</summary>
    private static async Task<(HttpStatusCode, JsonNode?)> FirstAnswerAsync(HttpClient client, Task<int> serving)
    {
        using var guard = new CancellationTokenSource(Calls.Guard);
        while (true)
        {
            if (serving.IsCompleted) Assert.Fail($"serve ended before it answered, with {await serving}");
            try
            {
                return await Calls.GetAsync(client, "/api/kafka-templates/templates");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20, guard.Token);
            }
        }
    }
}
