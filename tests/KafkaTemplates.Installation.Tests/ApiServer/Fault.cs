namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// An injected failure: the next <see cref="Times"/> requests matching the method and path answer with
/// <see cref="Status"/> (and Retry-After), or hang for <see cref="Hang"/> before being served.
/// </summary>
public sealed class Fault(string method, string pathContains, int status, int times)
{
    public string Method { get; } = method;
    public string PathContains { get; } = pathContains;
    public int Status { get; } = status;
    public int Times { get; set; } = times;
    public int? RetryAfterSeconds { get; init; }
    public TimeSpan? Hang { get; init; }
    public int Served { get; set; }
}
