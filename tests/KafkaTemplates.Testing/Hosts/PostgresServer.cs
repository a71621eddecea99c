using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Testing.Hosts;

/// <summary>
/// A real PostgreSQL 15 (Debian's <c>postgresql-15</c>) for the tests: <c>initdb</c> and <c>pg_ctl</c> into a temporary
/// folder, listening on a free loopback port with its unix socket in that folder too, trust authentication, stopped
/// and deleted when disposed. initdb refuses to run as root, so as root (CI, containers) every PostgreSQL program runs
/// as the unprivileged <c>nobody</c> through <c>setpriv</c>, in a folder handed to that user. PostgreSQL cannot be told to
/// pick a port itself, so the port is chosen free just before; when something else took it meanwhile the server starts
/// on another one. A server that does not start fails with its log.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string BinFolder = "/usr/lib/postgresql/15/bin";
    private const string User = "nobody";

    private readonly TempFolder _folder;
    private (string Uid, string Gid)? _runAs;

    /// <summary>Ports tried before giving up: each is free when chosen, and another program may still bind it first.</summary>
    private const int PortAttempts = 3;

    private PostgresServer(TempFolder folder)
    {
        _folder = folder;
    }

    public int Port { get; private set; }

    private string DataFolder => _folder.Combine("data");

    private string SocketFolder => _folder.Combine("socket");

    private string LogFile => _folder.Combine("server.log");

    /// <summary>A URL for the portal's --database: the superuser <c>postgres</c>, the database <paramref name="database"/>.</summary>
    public string Url(string database = "postgres") => $"postgres://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>The same database as an Npgsql connection string.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=5";

    private static bool IsRoot => Environment.UserName == "root";

    public static async Task<PostgresServer> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinFolder, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({BinFolder}/initdb is missing): run scripts/install-test-tools.sh, which installs postgresql-15");
        var folder = new TempFolder("postgres");
        var server = new PostgresServer(folder);
        try
        {
            Directory.CreateDirectory(server.SocketFolder);
            if (IsRoot)
            {
                // Numeric ids: the user's group is called nogroup on Debian and nobody elsewhere.
                server._runAs = ((await Checked("id", ["-u", User])).StandardOutput.Trim(), (await Checked("id", ["-g", User])).StandardOutput.Trim());
                await Checked("chown", ["-R", $"{server._runAs.Value.Uid}:{server._runAs.Value.Gid}", folder.Path]);
            }
            await server.PgAsync("initdb", ["-D", server.DataFolder, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
            for (var attempt = 1; ; attempt++)
            {
                server.Port = LoopbackServer.ClosedPort();
                var logStart = server.Log.Length;
                try
                {
                    await server.StartServerAsync();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < PortAttempts && server.Log[logStart..].Contains("Address already in use", StringComparison.Ordinal))
                {
                    // Taken between choosing and binding: another free port.
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartServerAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-o", ServerOptions, "start"]);
        }
        catch (InvalidOperationException e)
        {
            // pg_ctl only says it could not start the server; why is in the server's log.
            throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{Port}: {e.Message}\n--- server log\n{Log}", e);
        }
    }

    private string ServerOptions => $"-p {Port} -k {SocketFolder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200";

    /// <summary>Creates a database, for a test that wants one of its own.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await PgAsync("createdb", ["-h", SocketFolder, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", name]);
        return name;
    }

    /// <summary>Runs one SQL statement through psql and returns its unaligned output (for counting rows behind the portal's back).</summary>
    public async Task<string> QueryAsync(string database, string sql)
    {
        var result = await PgAsync("psql", ["-h", SocketFolder, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
            "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]);
        return result.StandardOutput.Trim();
    }

    /// <summary><c>pg_ctl restart -m fast</c>: every connection is dropped, and the server is back when this returns.</summary>
    public async Task RestartAsync()
    {
        try
        {
            await PgAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-m", "fast", "-o", ServerOptions, "restart"]);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"PostgreSQL did not restart on 127.0.0.1:{Port}: {e.Message}\n--- server log\n{Log}", e);
        }
    }

    /// <summary><c>pg_ctl stop -m fast</c>: the database is away until <see cref="StartAgainAsync"/>.</summary>
    public Task StopAsync() => PgAsync("pg_ctl", ["-D", DataFolder, "-w", "-t", "60", "-m", "fast", "stop"]);

    public Task StartAgainAsync() => StartServerAsync();

    /// <summary>The server's log, for a failing test's message.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private async Task<ToolResult> PgAsync(string program, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(BinFolder, program);
        if (!File.Exists(path)) path = "/usr/bin/" + program;
        return _runAs is { } user
            ? await Checked("setpriv", ["--reuid", user.Uid, "--regid", user.Gid, "--clear-groups", "--", path, .. arguments], _folder.Path)
            : await Checked(path, arguments, _folder.Path);
    }

    private static async Task<ToolResult> Checked(string program, IReadOnlyList<string> arguments, string? workingDirectory = null)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, workingDirectory, timeout: TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.StandardError}{result.StandardOutput}");
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            try
            {
                await PgAsync("pg_ctl", ["-D", DataFolder, "-w", "-t", "30", "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped: the folder goes below all the same.
            }
        }
        _folder.Dispose();
    }
}
