using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine;
using KafkaTemplates.Portal.Hosting;

namespace KafkaTemplates.PortalLoad;

/// <summary>
/// Starts the portal in-process on 127.0.0.1 with a fresh data folder (or, with --targets, uses portals already
/// running, in turn, with a bearer token), warms it up, then sends N dry runs of
/// hypertrace-kafka at once over loopback HTTP (each with its own connection) and reports p50, p99 and max latency,
/// throughput and the error count, with the machine it ran on. Traffic never leaves this machine.
/// </summary>
internal static class LoadRun
{
    private const int WarmUp = 10;
    private const int Sequential = 20;

    public static async Task<int> MainAsync(string[] args)
    {
        var requests = int.Parse(Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        var markdown = Option(args, "--markdown");
        var targets = Option(args, "--targets");
        var tasks = args.Contains("--tasks");
        if (targets is not null) return await AgainstRunningPortalsAsync(targets, Option(args, "--token-file"), requests, markdown, tasks);

        var templates = Option(args, "--templates") ?? FindTemplates();
        var data = Path.Combine(Path.GetTempPath(), $"kt-portal-load-{Guid.NewGuid():N}");
        var engine = new EngineServices();
        try
        {
            var options = new PortalOptions
            {
                Urls = ["http://127.0.0.1:0"],
                DataDirectory = data,
                Engine = engine,
                Catalog = engine.Catalog(templates),
            };
            await using var host = await PortalHost.StartAsync(options);
            using var client = Client(host.Addresses[0], requests, token: null);
            var portal = tasks
                ? $"in-process on 127.0.0.1 (SQLite), {options.MaxConcurrentTasks} tasks run at once (the rest wait in the queue)"
                : $"in-process on 127.0.0.1 (SQLite), {options.MaxConcurrentDryRuns} dry runs rendered at once (the rest wait), file checks on every result";
            return await MeasureAsync([client], requests, portal, portalInProcess: true, markdown, tasks);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// Portals already running elsewhere (bench/portal-replicas.sh starts two replicas on PostgreSQL with sign-in): the
    /// dry runs go to them in turn, each with the bearer token read from <paramref name="tokenFile"/> (a file, so the
    /// token never appears in a command line or the output).
    /// </summary>
    private static async Task<int> AgainstRunningPortalsAsync(string targets, string? tokenFile, int requests, string? markdown, bool tasks)
    {
        var urls = targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0 || urls.Any(u => !Uri.TryCreate(u, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            await Console.Error.WriteLineAsync($"--targets: expected comma-separated http(s) URLs of running portals, got '{targets}'");
            return 2;
        }
        string? token = null;
        if (tokenFile is not null)
        {
            if (!File.Exists(tokenFile))
            {
                await Console.Error.WriteLineAsync($"--token-file: '{tokenFile}' does not exist; write the bearer token into it (one line)");
                return 2;
            }
            token = (await File.ReadAllTextAsync(tokenFile)).Trim();
        }
        var clients = urls.Select(u => Client(new Uri(u), requests, token)).ToArray();
        try
        {
            var portal = $"{urls.Length} running portal process(es) on {string.Join(", ", urls)}, {(tasks ? "tasks" : "dry runs")} sent to each in turn"
                + (token is null ? "" : ", every request with a bearer token the portal checks");
            return await MeasureAsync(clients, requests, portal, portalInProcess: false, markdown, tasks);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static HttpClient Client(Uri address, int requests, string? token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = requests, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <param name="tasks">Tasks instead of dry runs: each is created on one replica and followed there until it ends,
    /// so its time is the whole run through the shared store (claimed by whichever replica has a free slot).</param>
    private static async Task<int> MeasureAsync(HttpClient[] clients, int requests, string portal, bool portalInProcess, string? markdown, bool tasks)
    {
        Func<HttpClient, string, Task<Result>> send = tasks ? RunTaskAsync : DryRunAsync;
        var body = tasks ? TaskBody : await RequestBodyAsync(clients[0]);
        HttpClient Pick(int i) => clients[i % clients.Length];

        for (var i = 0; i < WarmUp; i++) await send(Pick(i), body);
        // One at a time first: the cost of one on its own, which the burst below adds queueing to.
        var alone = new List<Result>();
        for (var i = 0; i < Sequential; i++) alone.Add(await send(Pick(i), body));

        using var process = Process.GetCurrentProcess();
        var load = LoadAverage();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => Task.Run(() => send(Pick(i), body))));
        var wall = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var memory = new MemoryUse(GC.GetTotalAllocatedBytes() - allocatedBefore,
            [GC.CollectionCount(0) - collectionsBefore[0], GC.CollectionCount(1) - collectionsBefore[1], GC.CollectionCount(2) - collectionsBefore[2]]);

        var report = Report(requests, results, wall, cpu, memory, load, portal, portalInProcess, alone, tasks ? "tasks" : "dry runs");
        Console.Write(report);
        if (markdown is not null) await File.AppendAllTextAsync(markdown, report);
        return results.Concat(alone).Any(r => !r.Ok) ? 1 : 0;
    }

    /// <param name="Failure">Why it failed (an HTTP status, a task's end, no connection), so refusals are told from faults.</param>
    private sealed record Result(bool Ok, TimeSpan Latency, string? Failure = null);

    /// <summary>Bytes allocated and collections by generation during the burst: unlike time, the same on a busy machine.</summary>
    private sealed record MemoryUse(long Allocated, int[] Collections);

    /// <summary>Backstage's dry-run request for hypertrace-kafka, with the entity as the catalog endpoint serves it.</summary>
    private static async Task<string> RequestBodyAsync(HttpClient client)
    {
        var entity = JsonNode.Parse(await client.GetStringAsync("/api/catalog/entities/by-name/template/default/hypertrace-kafka"));
        return new JsonObject
        {
            ["template"] = entity,
            ["values"] = new JsonObject { ["name"] = "payments-kafka", ["owner"] = "payments", ["brokers"] = 5 },
            ["secrets"] = new JsonObject(),
            ["directoryContents"] = new JsonArray(),
        }.ToJsonString();
    }

    private static readonly string TaskBody = new JsonObject
    {
        ["templateRef"] = "template:default/hypertrace-kafka",
        ["values"] = new JsonObject { ["name"] = "payments-kafka", ["owner"] = "payments", ["brokers"] = 5 },
        ["secrets"] = new JsonObject(),
    }.ToJsonString();

    /// <summary>Creates a task and polls it on the same replica until it has ended; only a completed task counts as a success.</summary>
    private static async Task<Result> RunTaskAsync(HttpClient client, string body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var created = await client.PostAsync("/api/scaffolder/v2/tasks", content);
            if (!created.IsSuccessStatusCode) return new Result(false, clock.Elapsed, $"create: HTTP {(int)created.StatusCode}");
            var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
            while (true)
            {
                await Task.Delay(200);
                using var answer = await client.GetAsync($"/api/scaffolder/v2/tasks/{id}");
                if (!answer.IsSuccessStatusCode) return new Result(false, clock.Elapsed, $"poll: HTTP {(int)answer.StatusCode}");
                var status = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
                if (status is "completed") return new Result(true, clock.Elapsed);
                if (status is "failed" or "cancelled") return new Result(false, clock.Elapsed, $"task {status}");
            }
        }
        catch (HttpRequestException)
        {
            return new Result(false, clock.Elapsed, "no connection");
        }
    }

    private static async Task<Result> DryRunAsync(HttpClient client, string body)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("/api/scaffolder/v2/dry-run", content);
            // The whole answer is read and parsed; a document rather than a node tree keeps the client's share small.
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var answer = await JsonDocument.ParseAsync(stream);
            var ok = response.IsSuccessStatusCode && answer.RootElement.TryGetProperty("directoryContents", out var files)
                && files.ValueKind == JsonValueKind.Array && files.GetArrayLength() > 0;
            return new Result(ok, clock.Elapsed, ok ? null : $"dry run: HTTP {(int)response.StatusCode}{(response.IsSuccessStatusCode ? " without files" : "")}");
        }
        catch (HttpRequestException)
        {
            return new Result(false, clock.Elapsed, "no connection");
        }
    }

    private static string Report(int requests, Result[] results, TimeSpan wall, TimeSpan cpu, MemoryUse memory, string load, string portal,
        bool portalInProcess, List<Result> alone, string what)
    {
        var single = alone.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        var latencies = results.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
        double Percentile(double p) => latencies[Math.Clamp((int)Math.Ceiling(p * latencies.Length) - 1, 0, latencies.Length - 1)];
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"## Portal load: {requests} concurrent {what} of hypertrace-kafka");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.ProcessArchitecture}, {Cpu()}, .NET {Environment.Version}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- portal: {portal}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- one at a time: median {single[single.Length / 2]:F0} ms over {single.Length} {what}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- all at once: p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {latencies[^1]:F0} ms");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- wall time {wall.TotalSeconds:F2} s, {requests / wall.TotalSeconds:F1} {what}/s");
        if (portalInProcess)
        {
            // CPU time says what a dry run costs even when other processes share the machine, where wall time says little;
            // it includes the client's share (sending, reading and parsing every answer), since both run in this process.
            var cpuPerRun = cpu.TotalMilliseconds / requests;
            sb.AppendLine(CultureInfo.InvariantCulture, $"- CPU time (portal and client): {cpuPerRun:F1} ms each, so at most {Environment.ProcessorCount * 1000 / cpuPerRun:F0} {what}/s on {Environment.ProcessorCount} idle cores");
            sb.AppendLine(CultureInfo.InvariantCulture, $"- allocated (portal and client): {memory.Allocated / (double)requests / (1024 * 1024):F1} MiB each; collections during the burst: gen0 {memory.Collections[0]}, gen1 {memory.Collections[1]}, gen2 {memory.Collections[2]}");
        }
        else
        {
            // The portals' own CPU is in other processes; only the load client's share is measured here.
            sb.AppendLine(CultureInfo.InvariantCulture, $"- CPU time of the load client alone: {cpu.TotalMilliseconds / requests:F1} ms each");
        }
        sb.AppendLine(CultureInfo.InvariantCulture, $"- load average before the burst: {load} (other processes share the cores when it is above {Environment.ProcessorCount})");
        sb.AppendLine(CultureInfo.InvariantCulture, $"- errors: {results.Count(r => !r.Ok) + alone.Count(r => !r.Ok)}{Causes(results.Concat(alone))}");
        return sb.ToString();
    }

    /// <summary>" (503 ×98, ...)": the failures counted by cause, or nothing when there were none.</summary>
    private static string Causes(IEnumerable<Result> results)
    {
        var causes = results.Where(r => !r.Ok).GroupBy(r => r.Failure ?? "unknown").OrderByDescending(g => g.Count()).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        return causes.Count == 0 ? "" : $" ({string.Join(", ", causes)})";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Cpu()
    {
        const string info = "/proc/cpuinfo";
        if (!File.Exists(info)) return "cpu unknown";
        var line = File.ReadLines(info).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? "cpu unknown" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>The repository's templates folder, found above the working folder or the binaries.</summary>
    private static string FindTemplates()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "KafkaTemplates.sln"))) return Path.Combine(dir.FullName, "templates");
        throw new DirectoryNotFoundException("cannot find the repository's templates folder; pass --templates <dir>");
    }
}
