namespace KafkaTemplates.Installation.Tests;

public sealed class FaultTests : IAsyncLifetime
{
    private readonly InstallFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();

    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task Answers_429_and_500_are_retried_with_backoff_honouring_Retry_After_then_the_install_succeeds()
    {
        var throttled = new Fault("PATCH", "/statefulsets/payments-kafka", 429, times: 2) { RetryAfterSeconds = 3 };
        var failing = new Fault("GET", "/apis/apps/v1", 500, times: 2);
        var broken = new Fault("POST", "selfsubjectaccessreviews", 503, times: 1);
        _f.Server.Inject(throttled);
        _f.Server.Inject(failing);
        _f.Server.Inject(broken);
        var delays = new List<TimeSpan>();

        var run = await InstallCli.RunAsync(InstallCli.Environment(_f.Home), _f.Temp.Path, InstallCli.Fast(delays),
            _f.Repo, "--kubeconfig", _f.Kubeconfig, "--namespace", "payments", "--create-namespace");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, throttled.Served);
        Assert.Equal(2, failing.Served);
        Assert.Equal(1, broken.Served);
        Assert.Equal(2, delays.Count(d => d == TimeSpan.FromSeconds(3)));
        // Backoff without Retry-After grows from the base delay.
        Assert.Equal(3, delays.Count(d => d >= TimeSpan.FromMilliseconds(250) && d < TimeSpan.FromSeconds(3)));
        run.ErrorShows("429 Too Many Requests; retrying in 3s (Retry-After), attempt 2 of 6");
        run.ErrorShows("500 Internal Server Error; retrying in");
        Assert.NotNull(_f.Server.Get("StatefulSet", "payments", "payments-kafka"));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_given_up_on_after_the_last_attempt_with_exit_1()
    {
        _f.Server.Inject(new Fault("GET", "/version", 503, times: 100));

        var run = await _f.InstallAsync("--namespace", "payments");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(6, _f.Server.Requests.Count(r => r.Path.TrimEnd('/') == "/version"));
        run.ErrorShows("GET /version: 503");
    }

    [Fact]
    public async Task A_request_that_hangs_times_out_and_is_retried()
    {
        var hang = new Fault("GET", "/apis/policy/v1", 0, times: 1) { Hang = TimeSpan.FromSeconds(30) };
        _f.Server.Inject(hang);
        var retry = InstallCli.Fast() with { AttemptTimeout = TimeSpan.FromMilliseconds(500) };

        var run = await InstallCli.RunAsync(InstallCli.Environment(_f.Home), _f.Temp.Path, retry,
            _f.Repo, "--kubeconfig", _f.Kubeconfig, "--namespace", "payments", "--create-namespace");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(1, hang.Served);
        // The handler reports the timeout as a cancellation or an aborted socket, depending on when it strikes.
        Assert.Matches(@"GET /apis/policy/v1: (no answer within 0\.5s|OperationAborted \(Operation canceled\)); retrying in", run.Error.Output);
    }
}
