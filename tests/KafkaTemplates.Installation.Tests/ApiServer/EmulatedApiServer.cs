using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Testing.Hosts;
using Microsoft.AspNetCore.Http;

namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>
/// An in-process Kubernetes API server on a loopback port, behaving as the real one does for the calls the installer
/// makes: discovery, namespaces, SelfSubjectAccessReview, server-side apply with field ownership and conflicts,
/// dryRun=All, GET/LIST/WATCH (from a resourceVersion), DELETE, and StatefulSet rollouts driven by an emulated
/// controller. Tests deny permissions, inject 429/5xx answers and drop watches through it, and read back what was
/// stored and which requests arrived.
/// </summary>
public sealed class EmulatedApiServer : IAsyncDisposable
{
    public const string Token = "emulated-installer-token";
    public const string User = "installer@example.test";

    private readonly LoopbackServer _host;
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Fault> _faults = [];
    private readonly RolloutSimulator _rollouts;
    private readonly JobSimulator _jobs;
    private int _watchDropsLeft;
    private int _watchDropAfterEvents;

    private EmulatedApiServer(LoopbackServer host)
    {
        _host = host;
        Address = host.Address.ToString().TrimEnd('/');
        _rollouts = new RolloutSimulator(Store, () => Rollout, TimeSpan.FromMilliseconds(40));
        _jobs = new JobSimulator(Store, name => JobOutcomes.TryGetValue(name, out var b) ? b : Jobs, TimeSpan.FromMilliseconds(40));
        Seed(ServedKind.BuiltIn[0], Namespace("default"));
        Seed(ServedKind.BuiltIn[0], Namespace("kube-system"));
        Seed(Kind("StorageClass"), new JsonObject
        {
            ["apiVersion"] = "storage.k8s.io/v1",
            ["kind"] = "StorageClass",
            ["metadata"] = new JsonObject { ["name"] = "standard", ["annotations"] = new JsonObject { ["storageclass.kubernetes.io/is-default-class"] = "true" } },
            ["provisioner"] = "rancher.io/local-path",
        });
    }

    public string Address { get; }

    public ClusterStore Store { get; } = new();

    public AccessRules Access { get; } = new();

    /// <summary>The server's gitVersion, as /version reports it.</summary>
    public string GitVersion { get; set; } = "v1.31.2";

    /// <summary>Whether the Prometheus operator's CRDs (ServiceMonitor, PrometheusRule) are installed.</summary>
    public bool PrometheusOperatorCrds { get; set; } = true;

    /// <summary>Whether cert-manager's CRDs (Certificate, Issuer, ClusterIssuer) are installed.</summary>
    public bool CertManagerCrds { get; set; } = true;

    public RolloutBehaviour Rollout { get; set; } = RolloutBehaviour.BecomesReady;

    /// <summary>What the emulated Job controller does with a created Job, unless <see cref="JobOutcomes"/> names it.</summary>
    public JobBehaviour Jobs { get; set; } = JobBehaviour.Succeeds;

    /// <summary>Per Job name, what the emulated Job controller does with it.</summary>
    public Dictionary<string, JobBehaviour> JobOutcomes { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests) return _requests.ToList();
        }
    }

    public IReadOnlyList<ServedKind> Served =>
        [.. ServedKind.BuiltIn, .. ServedKind.Batch, .. PrometheusOperatorCrds ? ServedKind.PrometheusOperator : [], .. CertManagerCrds ? ServedKind.CertManager : []];

    public static async Task<EmulatedApiServer> StartAsync()
    {
        EmulatedApiServer? server = null;
        var host = await LoopbackServer.StartAsync(ctx => server!.HandleAsync(ctx));
        server = new EmulatedApiServer(host);
        return server;
    }

    /// <summary>A kubeconfig whose current context points at this server with a bearer token.</summary>
    public string WriteKubeconfig(string path, string context = "emulated")
    {
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: emulated
                cluster:
                  server: {Address}
            users:
              - name: installer
                user:
                  token: {Token}
            contexts:
              - name: {context}
                context:
                  cluster: emulated
                  user: installer
                  namespace: default
            current-context: {context}
            """);
        return path;
    }

    public void Inject(Fault fault)
    {
        lock (_faults) _faults.Add(fault);
    }

    /// <summary>The next <paramref name="times"/> watches are cut off after sending <paramref name="afterEvents"/> events.</summary>
    public void DropWatches(int times, int afterEvents)
    {
        _watchDropsLeft = times;
        _watchDropAfterEvents = afterEvents;
    }

    public ServedKind Kind(string kind) => Served.Concat(ServedKind.PrometheusOperator).Concat(ServedKind.CertManager).First(k => k.Kind == kind);

    public JsonObject? Get(string kind, string? ns, string name) => Store.Get(Kind(kind), ns, name);

    public void Seed(ServedKind kind, JsonObject obj)
    {
        Defaults(obj, kind, null);
        Store.Put(kind, obj, byClient: false);
    }

    /// <summary>A write by another client, as `kubectl scale` or `kubectl edit` makes it: the fields it changes move to its manager.</summary>
    public void UpdateAs(string manager, string kind, string? ns, string name, Action<JsonObject> change)
    {
        var served = Kind(kind);
        lock (Store.Sync)
        {
            var live = Store.Get(served, ns, name) ?? throw new InvalidOperationException($"{kind} {name} does not exist");
            var updated = ServerSideApply.Update(live, change, manager, Now());
            BumpGeneration(live, updated);
            Store.Put(served, updated, byClient: false);
        }
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var request = new RecordedRequest(ctx.Request.Method, ctx.Request.Path.Value ?? "", ctx.Request.QueryString.Value ?? "", ctx.Request.ContentType);
        lock (_requests) _requests.Add(request);
        try
        {
            await RouteAsync(ctx, request);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away (or the test dropped the watch).
        }
        request.Status = ctx.Response.StatusCode;
    }

    private async Task RouteAsync(HttpContext ctx, RecordedRequest request)
    {
        if (ctx.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            await StatusAsync(ctx, 401, "Unauthorized", "Unauthorized");
            return;
        }

        Fault? fault;
        lock (_faults)
        {
            fault = _faults.FirstOrDefault(f => f.Times > 0 && f.Method == request.Method && request.Path.Contains(f.PathContains, StringComparison.Ordinal));
            if (fault is not null)
            {
                fault.Times--;
                fault.Served++;
            }
        }
        if (fault?.Hang is { } hang) await Task.Delay(hang, ctx.RequestAborted);
        else if (fault is not null)
        {
            if (fault.RetryAfterSeconds is { } after) ctx.Response.Headers.RetryAfter = after.ToString(CultureInfo.InvariantCulture);
            await StatusAsync(ctx, fault.Status, fault.Status == 429 ? "TooManyRequests" : "InternalError", "injected fault");
            return;
        }

        var segments = request.Path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        switch (segments)
        {
            case ["version"]:
                var v = GitVersion.TrimStart('v').Split('.', '-', '+');
                await JsonAsync(ctx, 200, new JsonObject { ["major"] = v[0], ["minor"] = v[1], ["gitVersion"] = GitVersion, ["platform"] = "linux/amd64" });
                return;
            case ["api"]:
                await JsonAsync(ctx, 200, new JsonObject { ["kind"] = "APIVersions", ["versions"] = new JsonArray("v1") });
                return;
            case ["apis"]:
                await JsonAsync(ctx, 200, Groups());
                return;
            case ["api", var version] when version == "v1":
                await JsonAsync(ctx, 200, Resources("", version));
                return;
            case ["apis", var group, var version] when Served.Any(k => k.Group == group && k.Version == version):
                await JsonAsync(ctx, 200, Resources(group, version));
                return;
            case ["apis", "authorization.k8s.io", "v1", "selfsubjectaccessreviews"] when request.Method == "POST":
                await AccessReviewAsync(ctx);
                return;
        }

        if (!TryResolve(segments, out var kind, out var ns, out var name))
        {
            await StatusAsync(ctx, 404, "NotFound", "the server could not find the requested resource");
            return;
        }
        var query = ctx.Request.Query;
        var verb = request.Method switch
        {
            "GET" when name is null && request.IsWatch => "watch",
            "GET" when name is null => "list",
            "GET" => "get",
            "PATCH" => "patch",
            "DELETE" => "delete",
            "POST" => "create",
            _ => "update",
        };
        if (!Access.Allows(verb, kind.Group, kind.Plural, ns))
        {
            await Forbidden(ctx, verb, kind, ns);
            return;
        }

        switch (request.Method)
        {
            case "GET" when name is null && request.IsWatch:
                await WatchAsync(ctx, kind, ns, query["resourceVersion"].ToString(), query["timeoutSeconds"].ToString());
                return;
            case "GET" when name is null:
                await ListAsync(ctx, kind, ns, query["labelSelector"].ToString());
                return;
            case "GET":
                var found = Store.Get(kind, ns, name!);
                if (found is null) await NotFound(ctx, kind, name!);
                else await JsonAsync(ctx, 200, found);
                return;
            case "PATCH":
                await ApplyAsync(ctx, kind, ns, name!);
                return;
            case "DELETE":
                var dryRun = query["dryRun"].ToString() == "All";
                var existing = Store.Get(kind, ns, name!);
                if (existing is null)
                {
                    await NotFound(ctx, kind, name!);
                    return;
                }
                if (!dryRun) Store.Delete(kind, ns, name!, byClient: true);
                await JsonAsync(ctx, 200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success", ["details"] = new JsonObject { ["name"] = name, ["kind"] = kind.Plural } });
                return;
            default:
                await StatusAsync(ctx, 405, "MethodNotAllowed", $"{request.Method} is not supported by the emulated server");
                return;
        }
    }

    private bool TryResolve(string[] segments, out ServedKind kind, out string? ns, out string? name)
    {
        kind = null!;
        ns = null;
        name = null;
        string group, version;
        string[] rest;
        if (segments is ["api", var v, .. var r1]) (group, version, rest) = ("", v, r1);
        else if (segments is ["apis", var g, var v2, .. var r2]) (group, version, rest) = (g, v2, r2);
        else return false;

        string plural;
        switch (rest)
        {
            case ["namespaces", var n, var p, .. var tail] when tail.Length <= 1:
                ns = n;
                plural = p;
                name = tail.Length == 1 ? tail[0] : null;
                break;
            case [var p, .. var tail] when tail.Length <= 1:
                plural = p;
                name = tail.Length == 1 ? tail[0] : null;
                break;
            default:
                return false;
        }
        var match = Served.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == plural);
        if (match is null || match.Namespaced != (ns is not null) && !(match.Namespaced && name is null && ns is null)) return false;
        kind = match;
        return true;
    }

    private async Task ApplyAsync(HttpContext ctx, ServedKind kind, string? ns, string name)
    {
        var query = ctx.Request.Query;
        if (ctx.Request.ContentType?.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal) != true)
        {
            await StatusAsync(ctx, 415, "UnsupportedMediaType", $"the emulated server only accepts server-side apply, not {ctx.Request.ContentType}");
            return;
        }
        var manager = query["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            await StatusAsync(ctx, 422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
            return;
        }
        var force = query["force"].ToString() == "true";
        var dryRun = query["dryRun"].ToString() == "All";

        JsonObject applied;
        using (var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8))
        {
            try
            {
                applied = JsonNode.Parse(await reader.ReadToEndAsync()) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException e)
            {
                await StatusAsync(ctx, 400, "BadRequest", $"error decoding the apply configuration: {e.Message}");
                return;
            }
        }
        if (applied["kind"]?.GetValue<string>() != kind.Kind || applied["metadata"]?["name"]?.GetValue<string>() != name)
        {
            await StatusAsync(ctx, 400, "BadRequest", "the kind and name of the body must match the URL");
            return;
        }
        if (kind.Namespaced && applied["metadata"]?["namespace"]?.GetValue<string>() is { } bodyNs && bodyNs != ns)
        {
            await StatusAsync(ctx, 400, "BadRequest", "the namespace of the provided object does not match the namespace sent on the request");
            return;
        }
        if (kind.HasStatus) applied.Remove("status");

        JsonObject answer;
        lock (Store.Sync)
        {
            if (kind.Namespaced && Store.Get(Kind("Namespace"), null, ns!) is null)
            {
                answer = StatusObject(404, "NotFound", $"namespaces \"{ns}\" not found");
            }
            else
            {
                var live = Store.Get(kind, ns, name);
                if (live is null && !Access.Allows("create", kind.Group, kind.Plural, ns))
                {
                    answer = StatusObject(403, "Forbidden", ForbiddenMessage("create", kind, ns));
                }
                else
                {
                    var outcome = ServerSideApply.Apply(live, applied, manager, force, Now());
                    if (outcome.Conflicts.Count > 0)
                    {
                        answer = Conflict(outcome.Conflicts);
                    }
                    else
                    {
                        var result = outcome.Result;
                        Defaults(result, kind, ns);
                        BumpGeneration(live, result);
                        var unchanged = live is not null && JsonNode.DeepEquals(live, WithVersion(result, live));
                        answer = unchanged ? live! : dryRun ? WithVersion(result, live) : Store.Put(kind, result, byClient: true);
                        answer["__status"] = live is null ? 201 : 200;
                    }
                }
            }
        }
        var status = (int)(JsonNumber.Long(answer["__status"]) ?? JsonNumber.Long(answer["code"]) ?? 200);
        answer.Remove("__status");
        await JsonAsync(ctx, status, answer);
    }

    private static JsonObject WithVersion(JsonObject result, JsonObject? live)
    {
        var copy = (JsonObject)result.DeepClone();
        if (live?["metadata"]?["resourceVersion"] is { } rv) copy["metadata"]!["resourceVersion"] = rv.DeepClone();
        else ((JsonObject)copy["metadata"]!).Remove("resourceVersion");
        return copy;
    }

    private async Task WatchAsync(HttpContext ctx, ServedKind kind, string? ns, string resourceVersion, string timeoutSeconds)
    {
        var since = long.TryParse(resourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var rv) ? rv : Store.Revision;
        var timeout = int.TryParse(timeoutSeconds, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? TimeSpan.FromSeconds(t) : TimeSpan.FromMinutes(5);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
        deadline.CancelAfter(timeout);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(deadline.Token);

        var dropAfter = Interlocked.Decrement(ref _watchDropsLeft) >= 0 ? _watchDropAfterEvents : int.MaxValue;
        var sent = 0;
        try
        {
            while (true)
            {
                var (events, next) = Store.EventsAfter(since, kind, ns);
                foreach (var e in events)
                {
                    var line = new JsonObject { ["type"] = e.Type, ["object"] = e.Object.DeepClone() }.ToJsonString() + "\n";
                    await ctx.Response.WriteAsync(line, deadline.Token);
                    await ctx.Response.Body.FlushAsync(deadline.Token);
                    since = e.Revision;
                    if (++sent >= dropAfter)
                    {
                        // Cut the connection mid-stream, as a load balancer or an API server restart does. The pause
                        // lets the client read what was sent: a reset discards data still in its socket buffer.
                        await Task.Delay(250, CancellationToken.None);
                        ctx.Abort();
                        return;
                    }
                }
                await next.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: the server ends the watch normally.
        }
    }

    private async Task ListAsync(HttpContext ctx, ServedKind kind, string? ns, string labelSelector)
    {
        var (items, revision) = Store.List(kind, ns);
        var wanted = labelSelector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        items = items.Where(i => wanted.All(w => i["metadata"]?["labels"]?[w[0]]?.GetValue<string>() == w[1])).ToList();
        await JsonAsync(ctx, 200, new JsonObject
        {
            ["apiVersion"] = kind.GroupVersion,
            ["kind"] = kind.Kind + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        });
    }

    private async Task AccessReviewAsync(HttpContext ctx)
    {
        var review = await JsonNode.ParseAsync(ctx.Request.Body) as JsonObject ?? [];
        var attributes = review["spec"]?["resourceAttributes"];
        var verb = attributes?["verb"]?.GetValue<string>() ?? "";
        var group = attributes?["group"]?.GetValue<string>() ?? "";
        var resource = attributes?["resource"]?.GetValue<string>() ?? "";
        var ns = attributes?["namespace"]?.GetValue<string>();
        var allowed = Access.Allows(verb, group, resource, ns);
        review["status"] = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = "RBAC: allowed by RoleBinding \"installer\"" }
            : new JsonObject { ["allowed"] = false };
        review["apiVersion"] = "authorization.k8s.io/v1";
        review["kind"] = "SelfSubjectAccessReview";
        await JsonAsync(ctx, 201, review);
    }

    private JsonObject Groups()
    {
        var groups = Served.Where(k => k.Group.Length > 0).GroupBy(k => k.Group).Select(g =>
        {
            var versions = g.Select(k => k.Version).Distinct().Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v }).ToArray();
            return (JsonNode)new JsonObject { ["name"] = g.Key, ["versions"] = new JsonArray(versions), ["preferredVersion"] = versions[0].DeepClone() };
        });
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = new JsonArray(groups.ToArray()) };
    }

    private JsonObject Resources(string group, string version)
    {
        var resources = Served.Where(k => k.Group == group && k.Version == version).SelectMany(k =>
        {
            var main = new JsonObject { ["name"] = k.Plural, ["singularName"] = k.Kind.ToLowerInvariant(), ["namespaced"] = k.Namespaced, ["kind"] = k.Kind, ["verbs"] = new JsonArray(k.AllVerbs.Select(v => (JsonNode)v).ToArray()) };
            var status = new JsonObject { ["name"] = k.Plural + "/status", ["singularName"] = "", ["namespaced"] = k.Namespaced, ["kind"] = k.Kind, ["verbs"] = new JsonArray("get", "patch", "update") };
            return k.HasStatus ? new JsonNode[] { main, status } : [main];
        });
        return new JsonObject { ["kind"] = "APIResourceList", ["apiVersion"] = "v1", ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}", ["resources"] = new JsonArray(resources.ToArray()) };
    }

    /// <summary>What the real server fills in: identity, timestamps, and a few defaults the installer must not mistake for changes.</summary>
    private static void Defaults(JsonObject obj, ServedKind kind, string? ns)
    {
        var metadata = (JsonObject)obj["metadata"]!;
        if (kind.Namespaced && ns is not null) metadata["namespace"] = ns;
        metadata["uid"] ??= Guid.NewGuid().ToString();
        metadata["creationTimestamp"] ??= Now();
        if (kind.Kind == "StatefulSet")
        {
            metadata["generation"] ??= 1;
            if (obj["spec"] is JsonObject spec) spec["revisionHistoryLimit"] ??= 10;
        }
        if (kind.Kind == "Service" && obj["spec"] is JsonObject service) service["clusterIP"] ??= "10.96.0.10";
        if (kind.Kind == "Namespace") obj["status"] ??= new JsonObject { ["phase"] = "Active" };
    }

    private static void BumpGeneration(JsonObject? live, JsonObject result)
    {
        if (live is null) return;
        var before = live["spec"]?.ToJsonString();
        var after = result["spec"]?.ToJsonString();
        if (before != after && result["metadata"]?["generation"] is not null)
            result["metadata"]!["generation"] = (JsonNumber.Long(live["metadata"]?["generation"]) ?? 1) + 1;
    }

    private static JsonObject Conflict(IReadOnlyList<(string Path, string Manager, string ApiVersion)> conflicts)
    {
        var causes = conflicts.Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = $"conflict with \"{c.Manager}\" using {c.ApiVersion}",
            ["field"] = FieldPath.Display(c.Path),
        }).ToArray();
        var message = $"Apply failed with {conflicts.Count} conflict{(conflicts.Count == 1 ? "" : "s")}: " +
            string.Join("; ", conflicts.Select(c => $"conflict with \"{c.Manager}\" using {c.ApiVersion}: {FieldPath.Display(c.Path)}"));
        var status = StatusObject(409, "Conflict", message);
        status["details"] = new JsonObject { ["causes"] = new JsonArray(causes) };
        return status;
    }

    private static string ForbiddenMessage(string verb, ServedKind kind, string? ns) =>
        $"{kind.Plural}{(kind.Group.Length > 0 ? "." + kind.Group : "")} is forbidden: User \"{User}\" cannot {verb} resource \"{kind.Plural}\" in API group \"{kind.Group}\"{(ns is null ? " at the cluster scope" : $" in the namespace \"{ns}\"")}";

    private static Task Forbidden(HttpContext ctx, string verb, ServedKind kind, string? ns) => StatusAsync(ctx, 403, "Forbidden", ForbiddenMessage(verb, kind, ns));

    private static Task NotFound(HttpContext ctx, ServedKind kind, string name) =>
        StatusAsync(ctx, 404, "NotFound", $"{kind.Plural}{(kind.Group.Length > 0 ? "." + kind.Group : "")} \"{name}\" not found");

    private static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static Task StatusAsync(HttpContext ctx, int code, string reason, string message) => JsonAsync(ctx, code, StatusObject(code, reason, message));

    private static async Task JsonAsync(HttpContext ctx, int status, JsonObject body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body.ToJsonString(), ctx.RequestAborted);
    }

    private static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name } },
    };

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        _rollouts.Dispose();
        _jobs.Dispose();
        await _host.DisposeAsync();
    }
}
