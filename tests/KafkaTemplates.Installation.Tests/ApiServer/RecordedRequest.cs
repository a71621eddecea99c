namespace KafkaTemplates.Installation.Tests.ApiServer;

/// <summary>One request as the emulated server saw it, and how it answered.</summary>
public sealed record RecordedRequest(string Method, string Path, string Query, string? ContentType)
{
    public int Status { get; set; }

    public bool IsDryRun => Query.Contains("dryRun=All", StringComparison.Ordinal);

    public bool IsWatch => Query.Contains("watch=true", StringComparison.Ordinal) || Query.Contains("watch=1", StringComparison.Ordinal);

    /// <summary>A request that would change state: writes without dryRun, access reviews excluded.</summary>
    public bool IsWrite => Method is "PATCH" or "PUT" or "DELETE" or "POST" && !IsDryRun && !Path.EndsWith("selfsubjectaccessreviews", StringComparison.Ordinal);

    public override string ToString() => $"{Method} {Path}{(Query.Length > 0 ? Query : "")} -> {Status}";
}
