using KafkaTemplates.Testing.Hosts;

namespace KafkaTemplates.Portal.Tests.Support;

/// <summary>
/// One replica of the portal as a team runs it: the built CLI's <c>kafka-templates serve</c> in a process of its own,
/// on a loopback port it binds itself (port 0, read from its "Listening on" line), with a data folder of its own and
/// the shared PostgreSQL database. <see cref="KillAsync"/>
/// ends it with SIGKILL (nothing of it runs afterwards, as when a node dies).
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "kafka-templates.dll");
    public static string Templates => RepoRoot.Combine("tests", "KafkaTemplates.Portal.Tests", "Fixtures", "replica-templates");

    private readonly CancellationTokenSource _kill = new();
    private readonly TempFolder _data = new("replica");
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<KafkaTemplates.Engine.Tools.ToolResult>? _run;

    private ServeProcess()
    {
    }

    /// <summary>Where serve listens, once it said so.</summary>
    public Uri? Address { get; private set; }

    public HttpClient Client { get; } = new() { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>What the process wrote to stderr, once it has ended (for a failing test's message).</summary>
    public string Errors => _run is { IsCompletedSuccessfully: true } run ? run.Result.StandardError : "";

    /// <param name="heartbeatSeconds">Short in tests, so a dead replica's tasks are ended within seconds.</param>
    /// <param name="arguments">More flags for serve, such as sign-in's.</param>
    public static async Task<ServeProcess> StartAsync(string databaseUrl, double heartbeatSeconds = 0.5, double claimTimeoutSeconds = 4,
        IEnumerable<string>? arguments = null)
    {
        var replica = new ServeProcess();
        replica._run = ProcessRunner.RunAsync("dotnet", [Tool, "serve", "--urls", ServeAddress.AnyLoopbackPort, "--data", replica._data.Path,
                "--database", databaseUrl, "--templates", Templates, "--max-concurrent-tasks", "2",
                "--heartbeat-seconds", heartbeatSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--claim-timeout-seconds", claimTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments ?? []],
            replica._data.Path,
            // A home of its own, as each pod has: nothing the replicas share goes through the machine's home folder.
            new Dictionary<string, string?> { ["CI"] = "true", ["HOME"] = replica._data.Path }, timeout: TimeSpan.FromMinutes(20), cancellationToken: replica._kill.Token,
            standardErrorLine: line =>
            {
                if (ServeAddress.FromLine(line) is { } address) replica._listening.TrySetResult(address);
            });
        using var guard = new CancellationTokenSource(Calls.Guard);
        try
        {
            await Task.WhenAny(replica._listening.Task, replica._run).WaitAsync(guard.Token);
            if (!replica._listening.Task.IsCompleted)
                throw new InvalidOperationException($"serve exited before it said where it listens, {await replica._run}");
            replica.Address = await replica._listening.Task;
            replica.Client.BaseAddress = replica.Address;
            while (true)
            {
                if (replica._run.IsCompleted)
                {
                    var result = await replica._run;
                    throw new InvalidOperationException($"serve on {replica.Address} exited before /readyz answered 200, {result}");
                }
                try
                {
                    using var ready = await replica.Client.GetAsync("/readyz", guard.Token);
                    if (ready.StatusCode == HttpStatusCode.OK) return replica;
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                await Task.Delay(100, guard.Token);
            }
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested)
        {
            // The replica is killed either way; what it wrote until then says why it never became ready.
            await replica._kill.CancelAsync();
            var output = "";
            try
            {
                output = (await replica._run).ToString();
            }
            catch (KafkaTemplates.Engine.Tools.ToolCanceledException e)
            {
                output = e.Output.ToString();
            }
            await replica.DisposeAsync();
            throw new InvalidOperationException($"serve on {replica.Address?.ToString() ?? "a port it never named"} did not say where it listens and answer 200 on /readyz within {Calls.Guard.TotalSeconds:0} s; it was killed, {output}");
        }
        catch
        {
            await replica.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL: no handler, no finally block, no last heartbeat.</summary>
    public async Task KillAsync()
    {
        await _kill.CancelAsync();
        try
        {
            if (_run is not null) await _run;
        }
        catch (OperationCanceledException)
        {
            // Killed, as intended.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _kill.Dispose();
        _data.Dispose();
    }
}
