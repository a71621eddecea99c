namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// A failure an emulated host gives the next <see cref="Times"/> requests whose method and path match: a status with
/// the host's error body, or (status 0) a dropped connection.
/// </summary>
public sealed class HostFault(string method, string pathContains, int status, int times = 1)
{
    public string Method { get; } = method;
    public string PathContains { get; } = pathContains;
    public int Status { get; } = status;
    public int Times { get; set; } = times;

    public bool Matches(string method, string path) =>
        Times > 0 && (Method == "*" || Method == method) && path.Contains(PathContains, StringComparison.Ordinal);
}

/// <summary>The faults an emulator holds: the first matching one with uses left is taken.</summary>
public sealed class HostFaults
{
    private readonly List<HostFault> _faults = [];

    public void Add(HostFault fault)
    {
        lock (_faults) _faults.Add(fault);
    }

    public HostFault? Take(string method, string path)
    {
        lock (_faults)
        {
            var fault = _faults.FirstOrDefault(f => f.Matches(method, path));
            if (fault is not null) fault.Times--;
            return fault;
        }
    }
}
