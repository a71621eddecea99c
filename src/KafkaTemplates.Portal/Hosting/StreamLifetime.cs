using Microsoft.Extensions.Hosting;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Ends open event streams and long polls when the server stops, after the task runner has written the last events
/// (it is registered before the runner, and hosted services stop in reverse order), so clients see why their task
/// ended and the server does not wait on connections that would never close by themselves.
/// </summary>
internal sealed class StreamLifetime : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _closing = new();

    public CancellationToken Closing => _closing.Token;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => _closing.CancelAsync();

    public void Dispose() => _closing.Dispose();
}
